// VersionChoice: one version per language when a corpus ships several (regional locales,
// older translations), with a note saying which was kept and why.
#pragma once

#include <QString>
#include <QStringList>
#include <map>
#include <utility>

namespace twb {

// Adds candidate under code, or, when code has one already, keeps whichever better() prefers
// and notes "<left>: another version of <code> (<kept> kept: <kept size> against <left size>)".
// name(v) names a version ("fr-CA"), size(v) says how complete it is ("1966 names").
template <typename Version, typename Better, typename Name, typename Size>
void keepBestVersion(std::map<QString, Version>& chosen, const QString& code, Version candidate,
                     Better better, Name name, Size size, QStringList* notes) {
  const auto existing = chosen.find(code);
  if (existing == chosen.end()) {
    chosen.emplace(code, std::move(candidate));
    return;
  }
  const bool replace = better(candidate, existing->second);
  const Version& kept = replace ? candidate : existing->second;
  const Version& left = replace ? existing->second : candidate;
  if (notes)
    *notes << QStringLiteral("%1: another version of %2 (%3 kept: %4 against %5)")
                  .arg(name(left), code, name(kept), size(kept), size(left));
  if (replace) existing->second = std::move(candidate);
}

}  // namespace twb

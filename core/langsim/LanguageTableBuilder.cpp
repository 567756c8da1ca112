#include "langsim/LanguageTableBuilder.h"

#include <QFile>
#include <algorithm>

#include "common/InputError.h"
#include "langsim/WalsIsoMap.h"

namespace twb {
namespace {

QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
  return file.readAll();
}

struct Match {
  qsizetype wals = -1;  // index into WalsData::languages
  QString how;          // "iso", "table", "name"
};

// ISO 639-3 code -> the WALS record describing it.
QHash<QString, Match> matchWals(const IsoCodes& iso, const WalsData& wals) {
  QHash<QString, qsizetype> byCode;
  for (qsizetype i = 0; i < wals.languages.size(); ++i) byCode.insert(wals.languages[i].code, i);
  QHash<QString, Match> matches;
  QSet<QString> curated;  // WALS codes the table decides for (never also matched by name)
  for (const auto& [walsCode, iso3] : walsIsoTable()) {
    curated.insert(walsCode);
    const qsizetype index = byCode.value(walsCode, -1);
    if (index >= 0 && iso.find(iso3)) matches.insert(iso3, {index, QStringLiteral("table")});
  }
  // English name -> ISO codes, to match WALS names that are plainly ISO names.
  QHash<QString, QSet<QString>> byName;
  for (const IsoLanguage& language : iso.languages) {
    byName[language.isoName.toLower()].insert(language.alpha3);
    byName[language.name.toLower()].insert(language.alpha3);
  }
  for (qsizetype i = 0; i < wals.languages.size(); ++i) {
    const WalsLanguage& language = wals.languages[i];
    QString iso3;
    QString how;
    if (const IsoLanguage* fromColumn =
            language.iso3.isEmpty() ? nullptr : iso.find(language.iso3)) {
      iso3 = fromColumn->alpha3;
      how = QStringLiteral("iso");
    } else if (!curated.contains(language.code)) {
      const QSet<QString> candidates = byName.value(language.name.toLower());
      if (candidates.size() != 1) continue;  // unknown or ambiguous: better none than wrong
      iso3 = *candidates.begin();
      how = QStringLiteral("name");
    } else {
      continue;
    }
    const auto existing = matches.constFind(iso3);
    if (existing != matches.constEnd()) {
      // A hand-made or ISO-column match stands; among name matches the richer record wins.
      if (existing->how != QLatin1String("name") && how == QLatin1String("name")) continue;
      if (existing->how == how &&
          wals.languages[existing->wals].features.size() >= language.features.size())
        continue;
    }
    matches.insert(iso3, {i, how});
  }
  return matches;
}

// The code CLDR's tree uses for an ISO language: its ISO 639-1 code when it has one.
QString treeCode(const IsoLanguage& language, const LanguageGroups& groups) {
  return groups.parent.contains(language.alpha2) ? language.alpha2 : language.alpha3;
}

// Drops name matches that put a language in another family than the one WALS gives: two
// languages can share an English name ("Remo" is Austroasiatic in WALS, Panoan under ISO
// rem). A WALS family's usual CLDR top-level family is taken by majority over all matches.
int dropHomonyms(QHash<QString, Match>& matches, const IsoCodes& iso, const LanguageGroups& groups,
                 const WalsData& wals) {
  auto top = [&](const QString& iso3) {
    const QStringList path = groups.ancestors(treeCode(*iso.find(iso3), groups));
    return path.isEmpty() ? QString() : path.back();
  };
  QHash<QString, QHash<QString, int>> votes;  // WALS family -> CLDR top-level family -> count
  for (auto it = matches.constBegin(); it != matches.constEnd(); ++it) {
    const QString family = top(it.key());
    if (!family.isEmpty()) ++votes[wals.languages[it->wals].family][family];
  }
  int dropped = 0;
  for (auto it = matches.begin(); it != matches.end();) {
    const QString walsFamily = wals.languages[it->wals].family;
    const QString family = top(it.key());
    const QHash<QString, int>& counts = votes.value(walsFamily);
    QString usual;
    int total = 0;
    for (auto count = counts.constBegin(); count != counts.constEnd(); ++count) {
      total += *count;
      if (usual.isEmpty() || *count > counts.value(usual)) usual = count.key();
    }
    // WALS's "other" holds creoles, pidgins and sign languages: no family to agree with.
    const bool checkable = it->how == QLatin1String("name") && !family.isEmpty() &&
                           walsFamily != QLatin1String("other") && counts.value(usual) >= 3 &&
                           2 * counts.value(usual) > total;
    if (checkable && family != usual) {
      it = matches.erase(it);
      ++dropped;
    } else {
      ++it;
    }
  }
  return dropped;
}

WalsProfile profile(const WalsLanguage& language, const QString& how) {
  WalsProfile wals;
  wals.code = language.code;
  wals.name = language.name;
  wals.genus = language.genus;
  wals.family = language.family;
  wals.match = how;
  wals.latitude = language.latitude;
  wals.longitude = language.longitude;
  wals.features = language.features;
  return wals;
}

}  // namespace

LanguageTable buildLanguageTable(const IsoCodes& iso, const LanguageGroups& groups,
                                 const WalsData& wals, const QStringList& sources,
                                 LanguageTableReport* report) {
  LanguageTableReport counts;
  QHash<QString, Match> matches = matchWals(iso, wals);
  counts.homonymsDropped = dropHomonyms(matches, iso, groups, wals);
  // The languages: tree codes that are ISO 639-3 languages, then every WALS match.
  QMap<QString, const IsoLanguage*> chosen;  // sorted by ISO 639-3 code
  for (auto it = groups.parent.constBegin(); it != groups.parent.constEnd(); ++it) {
    if (const IsoLanguage* language = iso.find(it.key()))
      chosen.insert(language->alpha3, language);
    else if (!groups.groups.contains(it.key()))
      ++counts.treeCodesUnknown;
  }
  for (auto it = matches.constBegin(); it != matches.constEnd(); ++it)
    chosen.insert(it.key(), iso.find(it.key()));

  QVector<Language> languages;
  QSet<qsizetype> walsUsed;
  qint64 featureTotal = 0;
  for (const IsoLanguage* entry : chosen) {
    Language language;
    language.iso3 = entry->alpha3;
    language.iso1 = entry->alpha2;
    language.name = entry->name;
    const QString code = treeCode(*entry, groups);
    language.inFamilyTree = groups.parent.contains(code);
    if (language.inFamilyTree) language.familyPath = groups.ancestors(code);
    const auto match = matches.constFind(entry->alpha3);
    if (match != matches.constEnd()) {
      language.wals = profile(wals.languages[match->wals], match->how);
      walsUsed.insert(match->wals);
      ++counts.withWals;
      featureTotal += language.wals.features.size();
      if (match->how == QLatin1String("iso")) ++counts.matchedByIso;
      if (match->how == QLatin1String("table")) ++counts.matchedByTable;
      if (match->how == QLatin1String("name")) ++counts.matchedByName;
    }
    counts.inFamilyTree += language.inFamilyTree ? 1 : 0;
    counts.withCoordinates += language.hasCoordinates() ? 1 : 0;
    languages << language;
  }

  QHash<QString, QString> groupNames;
  for (const QString& group : groups.groups) {
    if (group == kLanguageTreeRoot) continue;
    QString name = iso.groupNames.value(group);
    if (name.isEmpty()) {
      const IsoLanguage* language = iso.find(group);  // macrolanguages act as groups too
      name = language ? language->name : group;
    }
    groupNames.insert(group, name);
  }

  counts.languages = static_cast<int>(languages.size());
  counts.walsLanguages = static_cast<int>(wals.languages.size());
  counts.walsMatched = static_cast<int>(walsUsed.size());
  counts.multiParent = static_cast<int>(groups.multiParent.size());
  counts.meanWalsFeatures = counts.withWals ? double(featureTotal) / counts.withWals : 0.0;
  if (report) *report = counts;
  return LanguageTable(std::move(languages), std::move(groupNames), wals.featureNames, sources);
}

LanguageTable buildLanguageTableFromFiles(const LanguageSources& sources,
                                          LanguageTableReport* report) {
  const IsoCodes iso =
      parseIsoCodes(readAll(sources.iso6393Json),
                    sources.iso6395Json.isEmpty() ? QByteArray() : readAll(sources.iso6395Json),
                    sources.iso6393Json);
  const LanguageGroups groups = readLanguageGroupsFile(sources.languageGroups);
  const WalsData wals = readWalsRda(sources.walsRda);
  return buildLanguageTable(iso, groups, wals, sources.descriptions, report);
}

}  // namespace twb

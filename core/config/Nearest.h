// Nearest: finds the closest valid name to a mistyped one, for "did you mean ...?" messages.
#pragma once

#include <QString>
#include <QStringList>

namespace twb {

// Levenshtein distance between a and b, case-insensitive.
int editDistance(const QString& a, const QString& b);

// The candidate nearest to word, or an empty string when none is close enough to be a useful
// suggestion. A candidate that contains word (or is contained in it) counts as close.
QString nearestName(const QString& word, const QStringList& candidates);

// "; did you mean 'x'?" when a candidate is close, else "; expected one of: a, b, c".
QString suggestionSuffix(const QString& word, const QStringList& candidates);

}  // namespace twb

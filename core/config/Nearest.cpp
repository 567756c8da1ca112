#include "config/Nearest.h"

#include <QVector>
#include <algorithm>
#include <limits>

namespace twb {

int editDistance(const QString& a, const QString& b) {
  const QString x = a.toLower();
  const QString y = b.toLower();
  QVector<int> previous(y.size() + 1);
  QVector<int> current(y.size() + 1);
  for (int j = 0; j <= y.size(); ++j) previous[j] = j;
  for (int i = 1; i <= x.size(); ++i) {
    current[0] = i;
    for (int j = 1; j <= y.size(); ++j) {
      const int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[y.size()];
}

QString nearestName(const QString& word, const QStringList& candidates) {
  const QString lower = word.toLower();
  QString best;
  // Rank: containment first (e.g. "lr_rate" holds "lr", "imdb" is in "uci-imdb"), then distance.
  int bestRank = std::numeric_limits<int>::max();
  for (const QString& candidate : candidates) {
    const QString other = candidate.toLower();
    const int distance = editDistance(lower, other);
    const bool contains =
        lower.size() >= 2 && other.size() >= 2 && (lower.contains(other) || other.contains(lower));
    const int limit = std::max(2, static_cast<int>(lower.size()) / 3);
    if (!contains && distance > limit) continue;
    const int rank = (contains ? 0 : 1000) + distance;
    if (rank < bestRank) {
      bestRank = rank;
      best = candidate;
    }
  }
  return best;
}

QString suggestionSuffix(const QString& word, const QStringList& candidates) {
  const QString nearest = nearestName(word, candidates);
  if (!nearest.isEmpty()) return QStringLiteral("; did you mean '%1'?").arg(nearest);
  return QStringLiteral("; expected one of: %1").arg(candidates.join(QStringLiteral(", ")));
}

}  // namespace twb

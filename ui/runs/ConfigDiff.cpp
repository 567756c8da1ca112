#include "runs/ConfigDiff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace twb {
namespace {

constexpr qint64 kMaxTableCells = 16 * 1024 * 1024;

// Appends a hunk of `removed` left lines from l and `added` right lines from r (0-based).
void appendHunk(QVector<DiffRow>& rows, int l, int removed, int r, int added) {
  const int paired = std::min(removed, added);
  for (int i = 0; i < paired; ++i) rows.append({l + i + 1, r + i + 1, DiffKind::Changed});
  for (int i = paired; i < removed; ++i) rows.append({l + i + 1, 0, DiffKind::Removed});
  for (int i = paired; i < added; ++i) rows.append({0, r + i + 1, DiffKind::Added});
}

}  // namespace

QStringList diffLinesOf(const QString& text) {
  QStringList lines = text.split(QLatin1Char('\n'));
  if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
  for (QString& line : lines)
    if (line.endsWith(QLatin1Char('\r'))) line.chop(1);
  return lines;
}

QVector<DiffRow> diffLines(const QStringList& left, const QStringList& right) {
  const int n = static_cast<int>(left.size());
  const int m = static_cast<int>(right.size());
  int prefix = 0;
  while (prefix < n && prefix < m && left[prefix] == right[prefix]) ++prefix;
  int suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix &&
         left[n - 1 - suffix] == right[m - 1 - suffix])
    ++suffix;

  QVector<DiffRow> rows;
  for (int i = 0; i < prefix; ++i) rows.append({i + 1, i + 1, DiffKind::Same});

  // The middle: left[prefix, n - suffix) against right[prefix, m - suffix).
  const int a = n - prefix - suffix;
  const int b = m - prefix - suffix;
  if (static_cast<qint64>(a + 1) * (b + 1) > kMaxTableCells) {
    appendHunk(rows, prefix, a, prefix, b);
  } else if (a > 0 || b > 0) {
    // lcs[i][j]: the LCS length of the middle's left lines from i and right lines from j.
    const int width = b + 1;
    std::vector<std::int32_t> lcs(static_cast<size_t>(a + 1) * width, 0);
    auto at = [&](int i, int j) -> std::int32_t& {
      return lcs[static_cast<size_t>(i) * width + j];
    };
    for (int i = a - 1; i >= 0; --i)
      for (int j = b - 1; j >= 0; --j)
        at(i, j) = left[prefix + i] == right[prefix + j] ? at(i + 1, j + 1) + 1
                                                         : std::max(at(i + 1, j), at(i, j + 1));
    int i = 0, j = 0, hunkI = 0, hunkJ = 0;
    while (i < a || j < b) {
      if (i < a && j < b && left[prefix + i] == right[prefix + j]) {
        appendHunk(rows, prefix + hunkI, i - hunkI, prefix + hunkJ, j - hunkJ);
        rows.append({prefix + i + 1, prefix + j + 1, DiffKind::Same});
        hunkI = ++i;
        hunkJ = ++j;
      } else if (j >= b || (i < a && at(i + 1, j) >= at(i, j + 1))) {
        ++i;
      } else {
        ++j;
      }
    }
    appendHunk(rows, prefix + hunkI, i - hunkI, prefix + hunkJ, j - hunkJ);
  }

  for (int k = 0; k < suffix; ++k)
    rows.append({n - suffix + k + 1, m - suffix + k + 1, DiffKind::Same});
  return rows;
}

QVector<DiffRow> diffTexts(const QString& left, const QString& right) {
  return diffLines(diffLinesOf(left), diffLinesOf(right));
}

}  // namespace twb

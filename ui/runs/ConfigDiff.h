// ConfigDiff: a line diff of two texts (two experiments' YAML) by longest common subsequence.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace twb {

enum class DiffKind { Same, Changed, Added, Removed };

// One row of a side-by-side diff. Line numbers count from 1; 0 means "no line on that side"
// (Added rows have no left line, Removed rows no right line).
struct DiffRow {
  int leftLine = 0;
  int rightLine = 0;
  DiffKind kind = DiffKind::Same;

  bool operator==(const DiffRow& o) const {
    return leftLine == o.leftLine && rightLine == o.rightLine && kind == o.kind;
  }
};

// The lines of a text: split on \n (a \r before it dropped); a final line break adds no line.
QStringList diffLinesOf(const QString& text);

// Rows in order of both texts. Between two runs of equal lines, the left lines that are not
// kept are paired one to one with the right lines that are not kept (Changed); the rest are
// Removed (left only) or Added (right only). The common prefix and suffix are trimmed before
// the quadratic LCS; a middle too large for it (over ~16M line pairs) is left all changed.
QVector<DiffRow> diffLines(const QStringList& left, const QStringList& right);
QVector<DiffRow> diffTexts(const QString& left, const QString& right);

}  // namespace twb

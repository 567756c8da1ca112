#include "data/LabelOrder.h"

#include <algorithm>

namespace twb {

bool labelLess(const QString& a, const QString& b) {
  bool aNumber = false;
  bool bNumber = false;
  const double x = a.toDouble(&aNumber);
  const double y = b.toDouble(&bNumber);
  if (aNumber && bNumber && x != y) return x < y;
  if (aNumber != bNumber) return aNumber;  // numbers first
  return QString::compare(a, b, Qt::CaseSensitive) < 0;
}

QStringList sortedLabels(QStringList labels) {
  std::sort(labels.begin(), labels.end(), labelLess);
  return labels;
}

}  // namespace twb

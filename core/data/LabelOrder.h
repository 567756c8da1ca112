// LabelOrder: the order of inferred label names: numbers numerically ("-1" < "1" < "2" < "10"),
// then other names alphabetically.
#pragma once

#include <QString>
#include <QStringList>

namespace twb {

bool labelLess(const QString& a, const QString& b);
QStringList sortedLabels(QStringList labels);

}  // namespace twb

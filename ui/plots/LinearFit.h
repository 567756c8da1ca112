// LinearFit: least-squares line and Pearson r for the gain-vs-distance scatter (pure maths).
#pragma once

#include <QVector>

namespace twb {

// y = slope * x + intercept fitted by ordinary least squares over the pairs where both
// values are finite. `valid` needs n >= 2 and some spread in x; `r` needs spread in y too
// (it is NaN otherwise).
struct LinearFit {
  double slope = 0;
  double intercept = 0;
  double r = 0;  // Pearson correlation
  int n = 0;
  bool valid = false;
};

LinearFit fitLine(const QVector<double>& x, const QVector<double>& y);

}  // namespace twb

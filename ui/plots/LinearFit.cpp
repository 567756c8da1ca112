#include "plots/LinearFit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twb {

LinearFit fitLine(const QVector<double>& x, const QVector<double>& y) {
  LinearFit fit;
  const int size = static_cast<int>(std::min(x.size(), y.size()));
  double sumX = 0;
  double sumY = 0;
  for (int i = 0; i < size; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    sumX += x[i];
    sumY += y[i];
    ++fit.n;
  }
  fit.r = std::numeric_limits<double>::quiet_NaN();
  if (fit.n < 2) return fit;
  const double meanX = sumX / fit.n;
  const double meanY = sumY / fit.n;
  // Centred sums: steadier than the one-pass formula when x or y sit far from zero.
  double sxx = 0;
  double syy = 0;
  double sxy = 0;
  for (int i = 0; i < size; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    const double dx = x[i] - meanX;
    const double dy = y[i] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx <= 0) return fit;
  fit.slope = sxy / sxx;
  fit.intercept = meanY - fit.slope * meanX;
  fit.valid = true;
  if (syy > 0) fit.r = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
  return fit;
}

}  // namespace twb

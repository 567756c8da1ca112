// Summary: mean, sd, n and the t interval of a handful of values (seeds), the unit every
// number the workbench prints is reported with.
#pragma once

#include <limits>
#include <vector>

namespace twb::stats {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A two-sided interval; NaN ends when it cannot be computed (too few values).
struct Interval {
  double low = kNaN;
  double high = kNaN;
  bool valid() const { return low == low && high == high; }
  bool excludesZero() const { return valid() && (low > 0 || high < 0); }
};

struct Summary {
  double mean = kNaN;  // NaN when n == 0
  double sd = kNaN;    // sample sd (n - 1); NaN when n < 2
  int n = 0;
  Interval ci95;  // mean ± t(0.975, n - 1) · sd / √n; invalid when n < 2
};

// NaN values are not counted: the caller reports how many there were.
Summary summarize(const std::vector<double>& values);

}  // namespace twb::stats

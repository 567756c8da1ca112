#include "stats/Summary.h"

#include <algorithm>
#include <cmath>

#include "stats/Distributions.h"

namespace twb::stats {

Summary summarize(const std::vector<double>& values) {
  Summary s;
  double sum = 0;
  for (double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++s.n;
    }
  if (s.n == 0) return s;
  s.mean = sum / s.n;
  if (s.n < 2) return s;
  double squares = 0;
  for (double v : values)
    if (!std::isnan(v)) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / (s.n - 1));
  // Values equal but for rounding (two seeds' Δ of 1/96 computed two ways) have no spread: a
  // t statistic over 1e-18 would call rounding noise significant.
  if (s.sd <= 1e-12 * std::max(1.0, std::abs(s.mean))) s.sd = 0;
  const double half = tQuantile(0.975, s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
  s.ci95 = {s.mean - half, s.mean + half};
  return s;
}

}  // namespace twb::stats

#include "stats/PairedTest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/Distributions.h"

namespace twb::stats {

PairedResult pairedTest(const std::vector<double>& deltas) {
  PairedResult r;
  r.delta = summarize(deltas);
  r.signFlipP = signFlipP(deltas);
  if (r.delta.n < 2) return r;
  if (r.delta.sd > 0) {
    r.dz = r.delta.mean / r.delta.sd;
    r.p = tTwoSidedP(r.delta.mean / (r.delta.sd / std::sqrt(double(r.delta.n))), r.delta.n - 1);
  } else {
    // Every seed gave the same Δ: no spread to test against (scipy returns NaN for 0 / 0).
    r.p = r.delta.mean == 0 ? 1.0 : kNaN;
  }
  return r;
}

double signFlipP(const std::vector<double>& deltas) {
  const int n = static_cast<int>(deltas.size());
  if (n == 0 || n > 13 || (1 << n) > kMaxSignFlips) return kNaN;
  const double observed = std::abs(std::accumulate(deltas.begin(), deltas.end(), 0.0));
  // Ties up to rounding count as extreme, as scipy's permutation_test does.
  const double threshold = observed * (1 - 1e-12) - 1e-14;
  int extreme = 0;
  const int patterns = 1 << n;
  for (int mask = 0; mask < patterns; ++mask) {
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += (mask >> i & 1) ? -deltas[i] : deltas[i];
    if (std::abs(sum) >= threshold) ++extreme;
  }
  return double(extreme) / patterns;
}

std::vector<double> holmAdjust(const std::vector<double>& p) {
  std::vector<size_t> order;
  for (size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  std::vector<double> adjusted(p.size(), kNaN);
  const size_t m = order.size();
  double running = 0;
  for (size_t rank = 0; rank < m; ++rank) {
    running = std::max(running, std::min(1.0, double(m - rank) * p[order[rank]]));
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

double detectableDelta(double sd, int n, double power, double alpha) {
  // No spread (every seed gave the same Δ): a t-test is undefined, so is its power.
  if (n < 2 || std::isnan(sd) || sd == 0) return kNaN;
  // Power grows with the effect: bisect the standardized effect d.
  double low = 0, high = 1;
  while (pairedTPower(high, n, alpha) < power && high < 1e6) high *= 2;
  if (std::isnan(pairedTPower(high, n, alpha))) return kNaN;
  for (int i = 0; i < 100; ++i) {
    const double mid = (low + high) / 2;
    (pairedTPower(mid, n, alpha) < power ? low : high) = mid;
  }
  return high * sd;
}

int seedsNeeded(double effect, double sd, double power, double alpha, int maxSeeds) {
  if (std::isnan(sd) || std::isnan(effect) || sd == 0) return -1;
  const double d = std::abs(effect) / sd;
  for (int n = 2; n <= maxSeeds; ++n) {
    const double p = pairedTPower(d, n, alpha);
    if (std::isnan(p)) return -1;
    if (p >= power) return n;
  }
  return 0;
}

}  // namespace twb::stats

#include "langsim/Correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace twb {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The pairs where both values are finite.
void finitePairs(const QVector<double>& x, const QVector<double>& y, QVector<double>& outX,
                 QVector<double>& outY) {
  const qsizetype count = std::min(x.size(), y.size());
  for (qsizetype i = 0; i < count; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    outX << x[i];
    outY << y[i];
  }
}

// Pearson r of complete data; NaN when a side is constant or n < 2.
double pearsonComplete(const QVector<double>& x, const QVector<double>& y) {
  const qsizetype n = x.size();
  if (n < 2) return kNaN;
  const double meanX = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double meanY = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (qsizetype i = 0; i < n; ++i) {
    const double dx = x[i] - meanX;
    const double dy = y[i] - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

// SplitMix64: a small generator whose sequence is the same on every platform and library
// (std::shuffle's is not), so a seed reproduces a p-value anywhere.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound), by rejection so no value is favoured.
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t value;
    do value = next();
    while (value >= limit);
    return value % bound;
  }

 private:
  std::uint64_t state_;
};

}  // namespace

QVector<double> averageRanks(const QVector<double>& values) {
  const qsizetype n = values.size();
  QVector<qsizetype> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](qsizetype a, qsizetype b) { return values[a] < values[b]; });
  QVector<double> ranks(n);
  for (qsizetype start = 0; start < n;) {
    qsizetype end = start + 1;
    while (end < n && values[order[end]] == values[order[start]]) ++end;
    const double rank = (double(start + 1) + double(end)) / 2;  // mean of ranks start+1..end
    for (qsizetype i = start; i < end; ++i) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

double pearson(const QVector<double>& x, const QVector<double>& y, int* n) {
  QVector<double> cx, cy;
  finitePairs(x, y, cx, cy);
  if (n) *n = static_cast<int>(cx.size());
  return pearsonComplete(cx, cy);
}

double spearman(const QVector<double>& x, const QVector<double>& y, int* n) {
  QVector<double> cx, cy;
  finitePairs(x, y, cx, cy);
  if (n) *n = static_cast<int>(cx.size());
  return pearsonComplete(averageRanks(cx), averageRanks(cy));
}

CorrelationResult correlate(const QVector<double>& x, const QVector<double>& y,
                            CorrelationMethod method, int permutations, std::uint64_t seed) {
  QVector<double> cx, cy;
  finitePairs(x, y, cx, cy);
  if (method == CorrelationMethod::Spearman) {
    // Ranks are fixed under permutation, so rank once and permute the ranks.
    cx = averageRanks(cx);
    cy = averageRanks(cy);
  }
  CorrelationResult result;
  result.n = static_cast<int>(cx.size());
  result.r = pearsonComplete(cx, cy);
  result.permutations = std::max(0, permutations);
  if (!std::isfinite(result.r)) {
    result.p = kNaN;
    return result;
  }
  // Relative slack, so permutations that tie the observed |r| up to rounding count as extreme.
  const double threshold = std::abs(result.r) * (1 - 1e-12) - 1e-15;
  SplitMix64 random(seed);
  QVector<double> shuffled = cy;
  int extreme = 0;
  for (int k = 0; k < result.permutations; ++k) {
    for (qsizetype i = shuffled.size() - 1; i > 0; --i)  // Fisher-Yates
      std::swap(shuffled[i], shuffled[qsizetype(random.below(std::uint64_t(i) + 1))]);
    const double r = pearsonComplete(cx, shuffled);
    if (std::isfinite(r) && std::abs(r) >= threshold) ++extreme;
  }
  result.p = double(extreme + 1) / double(result.permutations + 1);
  return result;
}

}  // namespace twb

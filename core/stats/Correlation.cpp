#include "stats/Correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "common/SplitMix64.h"
#include "stats/Bootstrap.h"
#include "stats/Ols.h"

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

namespace {

// How many pairs of `values` permutations reach |r| >= threshold, over all n! orders.
int exactExtremeCount(const QVector<double>& x, QVector<double> y, double threshold, int* total) {
  std::sort(y.begin(), y.end());
  int extreme = 0;
  *total = 0;
  // next_permutation over sorted values visits each distinct order once; tied values make
  // fewer distinct orders, each standing for the same number of index permutations, so the
  // share is the same as scipy's count over index permutations.
  do {
    ++*total;
    const double r = pearsonComplete(x, y);
    if (std::isfinite(r) && std::abs(r) >= threshold) ++extreme;
  } while (std::next_permutation(y.begin(), y.end()));
  return extreme;
}

double factorial(int n) {
  double f = 1;
  for (int i = 2; i <= n; ++i) f *= i;
  return f;
}

// Percentile bootstrap interval of r over resampled pairs.
stats::Interval bootstrapInterval(const QVector<double>& x, const QVector<double>& y,
                                  CorrelationMethod method, int resamples, std::uint64_t seed) {
  if (resamples <= 0 || x.size() < 3) return {};
  SplitMix64 random(seed ^ 0x5bd1e995u);
  std::vector<double> rs;
  QVector<double> bx(x.size()), by(y.size());
  for (int b = 0; b < resamples; ++b) {
    for (qsizetype i = 0; i < x.size(); ++i) {
      const auto j = static_cast<qsizetype>(random.below(static_cast<std::uint64_t>(x.size())));
      bx[i] = x[j];
      by[i] = y[j];
    }
    const double r = method == CorrelationMethod::Spearman
                         ? pearsonComplete(averageRanks(bx), averageRanks(by))
                         : pearsonComplete(bx, by);
    if (std::isfinite(r)) rs.push_back(r);
  }
  if (rs.size() < 2) return {};
  std::sort(rs.begin(), rs.end());
  return {stats::percentile(rs, 0.025), stats::percentile(rs, 0.975)};
}

}  // namespace

CorrelationResult correlate(const QVector<double>& x, const QVector<double>& y,
                            CorrelationMethod method, int permutations, std::uint64_t seed,
                            int resamples) {
  QVector<double> cx, cy;
  finitePairs(x, y, cx, cy);
  CorrelationResult result;
  result.n = static_cast<int>(cx.size());
  result.ci95 = bootstrapInterval(cx, cy, method, resamples, seed);
  if (method == CorrelationMethod::Spearman) {
    // Ranks are fixed under permutation, so rank once and permute the ranks.
    cx = averageRanks(cx);
    cy = averageRanks(cy);
  }
  result.r = pearsonComplete(cx, cy);
  if (!std::isfinite(result.r)) {
    result.p = kNaN;
    return result;
  }
  // Relative slack, so permutations that tie the observed |r| up to rounding count as extreme.
  const double threshold = std::abs(result.r) * (1 - 1e-12) - 1e-15;
  if (factorial(result.n) <= kMaxExactPermutations) {
    int total = 0;
    const int extreme = exactExtremeCount(cx, cy, threshold, &total);
    result.exact = true;
    result.permutations = static_cast<int>(factorial(result.n));
    result.p = double(extreme) / double(total);
    return result;
  }
  result.permutations = std::max(0, permutations);
  SplitMix64 random(seed);
  QVector<double> shuffled = cy;
  int extreme = 0;
  for (int k = 0; k < result.permutations; ++k) {
    random.shuffle(shuffled);
    const double r = pearsonComplete(cx, shuffled);
    if (std::isfinite(r) && std::abs(r) >= threshold) ++extreme;
  }
  result.p = double(extreme + 1) / double(result.permutations + 1);
  return result;
}

double partialCorrelation(const QVector<double>& x, const QVector<double>& y,
                          const QVector<QVector<double>>& controls, int* n) {
  std::vector<double> cx, cy;
  std::vector<std::vector<double>> columns(static_cast<size_t>(controls.size()));
  for (qsizetype i = 0; i < std::min(x.size(), y.size()); ++i) {
    bool complete = std::isfinite(x[i]) && std::isfinite(y[i]);
    for (const QVector<double>& c : controls)
      complete = complete && i < c.size() && std::isfinite(c[i]);
    if (!complete) continue;
    cx.push_back(x[i]);
    cy.push_back(y[i]);
    for (qsizetype k = 0; k < controls.size(); ++k) columns[size_t(k)].push_back(controls[k][i]);
  }
  if (n) *n = static_cast<int>(cx.size());
  const stats::OlsResult fx = stats::olsFit(cx, columns);
  const stats::OlsResult fy = stats::olsFit(cy, columns);
  if (!fx.valid() || !fy.valid() || cx.size() < columns.size() + 3) return kNaN;
  return pearsonComplete(QVector<double>(fx.residuals.begin(), fx.residuals.end()),
                         QVector<double>(fy.residuals.begin(), fy.residuals.end()));
}

}  // namespace twb

// Correlation: Pearson and Spearman coefficients with a two-sided permutation test (exact for
// small n), a bootstrap interval on r, and partial correlation, for relating language distances
// to transfer gains. Pairs where either value is NaN are skipped.
#pragma once

#include <QVector>
#include <cstdint>
#include <limits>
#include <vector>

#include "stats/Summary.h"

namespace twb {

struct CorrelationResult {
  // The coefficient; NaN when undefined (n < 2 or a constant side).
  double r = std::numeric_limits<double>::quiet_NaN();
  // Two-sided permutation p-value, (count + 1) / (permutations + 1); NaN when r is.
  double p = std::numeric_limits<double>::quiet_NaN();
  int n = 0;             // pairs used (both values finite)
  int permutations = 0;  // permutations counted (n! when exact)
  bool exact = false;    // every permutation enumerated
  stats::Interval ci95;  // percentile bootstrap over pairs (languages), seeded
};

// Exact permutation p when n! is at most this many permutations; sampled otherwise.
constexpr int kMaxExactPermutations = 100000;
constexpr int kPermutations = 9999;
// A correlation needs at least this many pairs (fewer: r is not computed).
constexpr int kMinCorrelationPairs = 4;

// The coefficient alone; n (when given) receives the number of pairs used.
double pearson(const QVector<double>& x, const QVector<double>& y, int* n = nullptr);
double spearman(const QVector<double>& x, const QVector<double>& y, int* n = nullptr);

// Ranks 1..n with ties given their average rank (Spearman's convention).
QVector<double> averageRanks(const QVector<double>& values);

enum class CorrelationMethod { Pearson, Spearman };

// The coefficient, its permutation p-value and its bootstrap interval. With n! <= 100,000 every
// permutation of y is counted (p = k / n!, the identity included, as scipy's exact test);
// otherwise y is shuffled `permutations` times with a generator seeded by `seed` and
// p = (k + 1) / (B + 1). A permutation counts when |r_perm| >= |r| (up to rounding). The
// interval resamples pairs `resamples` times (0: none); resamples with a constant side are
// skipped.
CorrelationResult correlate(const QVector<double>& x, const QVector<double>& y,
                            CorrelationMethod method, int permutations = kPermutations,
                            std::uint64_t seed = 1, int resamples = 2000);

// Pearson r of the residuals of x and y after a least-squares fit (with intercept) on the
// controls: the partial correlation. NaN when there are too few complete rows.
double partialCorrelation(const QVector<double>& x, const QVector<double>& y,
                          const QVector<QVector<double>>& controls, int* n = nullptr);

}  // namespace twb

// Correlation: Pearson and Spearman coefficients with a seeded two-sided permutation test, for
// relating language distances to transfer gains. Pairs where either value is NaN are skipped.
#pragma once

#include <QVector>
#include <cstdint>
#include <limits>

namespace twb {

struct CorrelationResult {
  // The coefficient; NaN when undefined (n < 2 or a constant side).
  double r = std::numeric_limits<double>::quiet_NaN();
  // Two-sided permutation p-value, (count + 1) / (permutations + 1); NaN when r is.
  double p = std::numeric_limits<double>::quiet_NaN();
  int n = 0;  // pairs used (both values finite)
  int permutations = 0;
};

// The coefficient alone; n (when given) receives the number of pairs used.
double pearson(const QVector<double>& x, const QVector<double>& y, int* n = nullptr);
double spearman(const QVector<double>& x, const QVector<double>& y, int* n = nullptr);

// Ranks 1..n with ties given their average rank (Spearman's convention).
QVector<double> averageRanks(const QVector<double>& values);

enum class CorrelationMethod { Pearson, Spearman };

// The coefficient and its permutation p-value: y is shuffled `permutations` times with a
// generator seeded by `seed`; a permutation counts when |r_perm| >= |r| (up to rounding).
CorrelationResult correlate(const QVector<double>& x, const QVector<double>& y,
                            CorrelationMethod method, int permutations = 9999,
                            std::uint64_t seed = 1);

}  // namespace twb

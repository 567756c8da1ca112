// PairedTest: the seed-level tests of a transfer gain: paired t-test, exact sign-flip
// permutation test, effect size d_z, Holm's correction and the power hint.
#pragma once

#include <vector>

#include "stats/Summary.h"

namespace twb::stats {

struct PairedResult {
  Summary delta;            // of Δ_s = transfer_s − baseline_s
  double p = kNaN;          // two-sided paired t-test (scipy.stats.ttest_rel); NaN when n < 2
  double signFlipP = kNaN;  // exact sign-flip permutation p when 2^n <= kMaxSignFlips
  double dz = kNaN;         // mean Δ / sd(Δ)
};

constexpr int kMaxSignFlips = 10000;

// deltas: one Δ per paired seed (no NaN: the caller counts undefined seeds).
PairedResult pairedTest(const std::vector<double>& deltas);

// Two-sided exact sign-flip p of the mean: the share of the 2^n sign patterns whose |mean| is
// at least the observed one. NaN when n == 0 or 2^n > kMaxSignFlips.
double signFlipP(const std::vector<double>& deltas);

// Holm's step-down adjusted p-values (statsmodels' multipletests(method='holm')). NaN entries
// stay NaN and do not count towards the number of tests.
std::vector<double> holmAdjust(const std::vector<double>& p);

// The smallest |Δ| a two-sided paired t-test at 5% detects with 80% power with n seeds, given
// the seeds' sd of Δ; NaN when n < 2 or sd is NaN or 0 (no spread: the t-test is undefined).
double detectableDelta(double sd, int n, double power = 0.8, double alpha = 0.05);
// The seeds a paired t-test needs to detect |Δ| = effect with 80% power given sd; 0 when more
// than maxSeeds would be needed, -1 when sd is unknown or 0.
int seedsNeeded(double effect, double sd, double power = 0.8, double alpha = 0.05,
                int maxSeeds = 1000);

}  // namespace twb::stats

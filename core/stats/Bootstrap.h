// Bootstrap: what the test examples say about a transfer gain, pooled across seeds: the paired
// bootstrap interval and the paired permutation test.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/Summary.h"

namespace twb::stats {

// How a score is computed from per-example values.
enum class ExampleMetric {
  Mean,     // the score is the mean of per-example values (accuracy: 1 when right, else 0)
  Pearson,  // the score is Pearson r between per-example predictions and gold
};

// One seed's two arms on its test part, example by example (the same examples, in one order).
struct SeedExamples {
  std::vector<double> baseline;  // per-example value (Mean) or prediction (Pearson)
  std::vector<double> transfer;
  std::vector<double> gold;  // Pearson only
};

struct BootstrapResult {
  double observed = kNaN;  // mean over seeds of the score difference on the full test parts
  Interval ci95;           // percentile interval of the resampled mean Δ
  int resamples = 0;       // resamples drawn
  int undefined = 0;       // resamples where a score was undefined (Pearson of a constant)
  int examples = 0;        // test examples per seed (the smallest when they differ)
};

constexpr int kBootstrapResamples = 10000;

// Each resample draws test indices once and applies them to every seed's pair (the seeds' test
// parts have the same size when they split one dataset); a seed whose test part has another
// size draws its own indices. The generator is seeded, so the interval is reproducible.
BootstrapResult pairedBootstrap(const std::vector<SeedExamples>& seeds, ExampleMetric metric,
                                int resamples = kBootstrapResamples, std::uint64_t seed = 1);

// Two-sided paired permutation test over test examples: under "the intermediate step changes
// nothing", each example's two predictions are exchangeable, so every (seed, example) pair is
// swapped with probability 1/2 and the mean Δ recomputed. Exact (every swap pattern) for the
// Mean metric when at most 16 examples differ between the arms, which for accuracy on one seed
// is the exact McNemar test; otherwise `resamples` seeded draws, p = (k + 1) / (B + 1).
// NaN when there are no examples.
double pairedPermutationP(const std::vector<SeedExamples>& seeds, ExampleMetric metric,
                          int resamples = kBootstrapResamples, std::uint64_t seed = 1);

// The percentile of sorted values with linear interpolation (numpy's default).
double percentile(const std::vector<double>& sorted, double q);

}  // namespace twb::stats

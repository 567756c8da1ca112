// Bootstrap: the paired bootstrap over test examples of a transfer gain, pooled across seeds.
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
  double p = kNaN;         // two-sided: 2 · min(share ≤ 0, share ≥ 0), (k + 1) / (B + 1)
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

// The percentile of sorted values with linear interpolation (numpy's default).
double percentile(const std::vector<double>& sorted, double q);

}  // namespace twb::stats

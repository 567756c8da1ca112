#include "stats/Bootstrap.h"

#include <algorithm>
#include <cmath>

#include "common/SplitMix64.h"

namespace twb::stats {
namespace {

// The arm's score on the examples idx (with repeats).
double scoreOf(const std::vector<double>& values, const std::vector<double>& gold,
               const std::vector<size_t>& idx, ExampleMetric metric) {
  if (metric == ExampleMetric::Mean) {
    double sum = 0;
    for (size_t i : idx) sum += values[i];
    return sum / idx.size();
  }
  double mx = 0, my = 0;
  for (size_t i : idx) {
    mx += values[i];
    my += gold[i];
  }
  mx /= idx.size();
  my /= idx.size();
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i : idx) {
    sxy += (values[i] - mx) * (gold[i] - my);
    sxx += (values[i] - mx) * (values[i] - mx);
    syy += (gold[i] - my) * (gold[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

double meanDelta(const std::vector<SeedExamples>& seeds,
                 const std::vector<std::vector<size_t>>& idx, ExampleMetric metric) {
  double sum = 0;
  for (size_t s = 0; s < seeds.size(); ++s)
    sum += scoreOf(seeds[s].transfer, seeds[s].gold, idx[s], metric) -
           scoreOf(seeds[s].baseline, seeds[s].gold, idx[s], metric);
  return sum / seeds.size();
}

}  // namespace

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double position = q * (sorted.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

BootstrapResult pairedBootstrap(const std::vector<SeedExamples>& seeds, ExampleMetric metric,
                                int resamples, std::uint64_t seed) {
  BootstrapResult result;
  if (seeds.empty()) return result;
  size_t smallest = seeds.front().baseline.size();
  for (const SeedExamples& s : seeds) {
    if (s.transfer.size() != s.baseline.size() ||
        (metric == ExampleMetric::Pearson && s.gold.size() != s.baseline.size()))
      return result;  // the arms did not score the same examples: no paired bootstrap
    smallest = std::min(smallest, s.baseline.size());
  }
  result.examples = static_cast<int>(smallest);
  if (smallest < 2) return result;
  std::vector<std::vector<size_t>> idx(seeds.size());
  for (size_t s = 0; s < seeds.size(); ++s) {
    idx[s].resize(seeds[s].baseline.size());
    for (size_t i = 0; i < idx[s].size(); ++i) idx[s][i] = i;
  }
  result.observed = meanDelta(seeds, idx, metric);

  SplitMix64 random(seed);
  std::vector<double> deltas;
  deltas.reserve(resamples);
  for (int b = 0; b < resamples; ++b) {
    // One draw of positions, shared by every seed of the same size.
    std::vector<size_t> shared(seeds.front().baseline.size());
    for (size_t& i : shared) i = random.below(shared.size());
    for (size_t s = 0; s < seeds.size(); ++s) {
      if (seeds[s].baseline.size() == shared.size()) {
        idx[s] = shared;
      } else {
        for (size_t& i : idx[s]) i = random.below(idx[s].size());
      }
    }
    const double delta = meanDelta(seeds, idx, metric);
    if (std::isnan(delta))
      ++result.undefined;
    else
      deltas.push_back(delta);
  }
  result.resamples = resamples;
  if (deltas.empty()) return result;
  std::sort(deltas.begin(), deltas.end());
  result.ci95 = {percentile(deltas, 0.025), percentile(deltas, 0.975)};
  return result;
}

double pairedPermutationP(const std::vector<SeedExamples>& seeds, ExampleMetric metric,
                          int resamples, std::uint64_t seed) {
  if (seeds.empty()) return kNaN;
  std::vector<std::vector<size_t>> all(seeds.size());
  for (size_t s = 0; s < seeds.size(); ++s) {
    if (seeds[s].baseline.empty() || seeds[s].transfer.size() != seeds[s].baseline.size())
      return kNaN;
    all[s].resize(seeds[s].baseline.size());
    for (size_t i = 0; i < all[s].size(); ++i) all[s][i] = i;
  }
  const double observed = std::abs(meanDelta(seeds, all, metric));
  if (std::isnan(observed)) return kNaN;
  const double threshold = observed * (1 - 1e-12) - 1e-15;  // ties up to rounding count
  if (metric == ExampleMetric::Mean) {
    // Δ = Σ w_j d_j over the examples that differ (w = 1 / (examples · seeds)); a swap flips d_j.
    std::vector<double> terms;
    for (const SeedExamples& s : seeds)
      for (size_t i = 0; i < s.baseline.size(); ++i) {
        const double d = s.transfer[i] - s.baseline[i];
        if (d != 0) terms.push_back(d / double(s.baseline.size()) / double(seeds.size()));
      }
    if (terms.empty()) return 1.0;
    if (terms.size() <= 16) {
      const std::uint32_t patterns = 1u << terms.size();
      std::uint32_t extreme = 0;
      for (std::uint32_t mask = 0; mask < patterns; ++mask) {
        double sum = 0;
        for (size_t j = 0; j < terms.size(); ++j) sum += (mask >> j & 1u) ? -terms[j] : terms[j];
        if (std::abs(sum) >= threshold) ++extreme;
      }
      return double(extreme) / patterns;
    }
    SplitMix64 random(seed);
    int extreme = 0;
    for (int b = 0; b < resamples; ++b) {
      double sum = 0;
      for (double t : terms) sum += (random.next() >> 63) ? -t : t;
      if (std::abs(sum) >= threshold) ++extreme;
    }
    return double(extreme + 1) / (resamples + 1);
  }
  // Pearson: swap the arms' predictions example by example and recompute both correlations.
  SplitMix64 random(seed);
  std::vector<SeedExamples> swapped = seeds;
  int extreme = 0;
  for (int b = 0; b < resamples; ++b) {
    for (size_t s = 0; s < seeds.size(); ++s)
      for (size_t i = 0; i < seeds[s].baseline.size(); ++i) {
        const bool swap = random.next() >> 63;
        swapped[s].baseline[i] = swap ? seeds[s].transfer[i] : seeds[s].baseline[i];
        swapped[s].transfer[i] = swap ? seeds[s].baseline[i] : seeds[s].transfer[i];
      }
    const double delta = meanDelta(swapped, all, metric);
    if (!std::isnan(delta) && std::abs(delta) >= threshold) ++extreme;
  }
  return double(extreme + 1) / (resamples + 1);
}

}  // namespace twb::stats

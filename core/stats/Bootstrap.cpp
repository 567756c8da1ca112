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
  const auto atMostZero = std::upper_bound(deltas.begin(), deltas.end(), 0.0) - deltas.begin();
  const auto atLeastZero = deltas.end() - std::lower_bound(deltas.begin(), deltas.end(), 0.0);
  const double b = static_cast<double>(deltas.size());
  result.p = std::min(1.0, 2 * (std::min(atMostZero, atLeastZero) + 1) / (b + 1));
  return result;
}

}  // namespace twb::stats

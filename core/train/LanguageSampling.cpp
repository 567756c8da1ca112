#include "train/LanguageSampling.h"

#include <cmath>
#include <numeric>

#include "common/SplitMix64.h"

namespace twb {
namespace {

// Uniform in [0, 1) from the top 53 bits of one draw.
double uniform(SplitMix64& random) { return (random.next() >> 11) * 0x1.0p-53; }

}  // namespace

std::vector<double> smoothedLanguageProbabilities(const std::vector<size_t>& sizes, double alpha) {
  const double total = std::accumulate(sizes.begin(), sizes.end(), 0.0);
  std::vector<double> q(sizes.size(), 0.0);
  if (total <= 0) return q;
  double sum = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    q[i] = sizes[i] > 0 ? std::pow(sizes[i] / total, alpha) : 0.0;
    sum += q[i];
  }
  for (double& v : q) v /= sum;
  return q;
}

std::vector<size_t> sampleByLanguage(const std::vector<size_t>& sizes,
                                     const std::vector<double>& probabilities, size_t count,
                                     uint64_t seed) {
  std::vector<size_t> offsets(sizes.size(), 0);
  for (size_t g = 1; g < sizes.size(); ++g) offsets[g] = offsets[g - 1] + sizes[g - 1];
  std::vector<double> cumulative(probabilities.size());
  std::partial_sum(probabilities.begin(), probabilities.end(), cumulative.begin());
  SplitMix64 random(seed * 0xD1B54A32D192ED03ULL + 7);
  std::vector<size_t> order;
  order.reserve(count);
  while (order.size() < count) {
    const double u = uniform(random) * cumulative.back();
    size_t g = 0;
    while (g + 1 < cumulative.size() && (u >= cumulative[g] || sizes[g] == 0)) ++g;
    if (sizes[g] == 0) break;  // nothing to draw from at all
    order.push_back(offsets[g] + random.below(sizes[g]));
  }
  return order;
}

}  // namespace twb

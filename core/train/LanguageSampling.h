// LanguageSampling: multilingual batches drawn with exponent-smoothed language probabilities.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace twb {

// q_l = p_l^alpha / sum_k p_k^alpha with p_l = n_l / sum n: alpha 1 keeps the data's shares,
// alpha 0 samples languages uniformly; XLM-R uses 0.3, mBERT 0.7.
std::vector<double> smoothedLanguageProbabilities(const std::vector<size_t>& sizes, double alpha);

// `count` indices into the concatenation of the groups (group g holds sizes[g] items, stored
// one group after the other): a language drawn by its probability, then an item uniformly.
// Deterministic for a seed.
std::vector<size_t> sampleByLanguage(const std::vector<size_t>& sizes,
                                     const std::vector<double>& probabilities, size_t count,
                                     uint64_t seed);

}  // namespace twb

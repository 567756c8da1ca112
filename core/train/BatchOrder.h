// BatchOrder: which rows make up each batch of an epoch, in random order, bucketed by length.
#pragma once

#include <cstdint>
#include <vector>

namespace twb {

// Batches in one pool when bucketing: rows are drawn at random into pools of this many batches,
// sorted by length inside a pool, then cut (Hugging Face's group_by_length uses 50 too).
constexpr int kBucketPoolBatches = 50;

// Deterministic shuffling for a seed and epoch (common/SplitMix64: the same on every platform).
std::vector<size_t> shuffledOrder(size_t n, uint64_t seed, int epoch);

// The batches of one epoch over rows 0..lengths.size()-1, seeded by (seed, epoch); every row is
// in exactly one batch and there are ceil(n / batchSize) batches. Without bucketing: the rows
// shuffled and cut every batchSize. With bucketing: the same shuffle, each pool sorted by length
// (ties keep the shuffled order) and cut, then the batches shuffled, so a batch holds texts of
// about one length (less padding) while which texts meet and the order of batches stay random.
std::vector<std::vector<size_t>> epochBatches(const std::vector<int>& lengths, int batchSize,
                                              uint64_t seed, int epoch, bool bucketing);

// Padding tokens a batch list costs: sum over batches of rows * longest - sum of lengths.
long paddingTokens(const std::vector<int>& lengths,
                   const std::vector<std::vector<size_t>>& batches);

}  // namespace twb

#include "train/BatchOrder.h"

#include <algorithm>
#include <numeric>

#include "common/SplitMix64.h"

namespace twb {
namespace {

std::vector<std::vector<size_t>> cut(const std::vector<size_t>& order, size_t from, size_t to,
                                     size_t batchSize) {
  std::vector<std::vector<size_t>> batches;
  for (size_t start = from; start < to; start += batchSize)
    batches.emplace_back(order.begin() + start, order.begin() + std::min(to, start + batchSize));
  return batches;
}

}  // namespace

std::vector<size_t> shuffledOrder(size_t n, uint64_t seed, int epoch) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Seeded per epoch; the project's one generator drives an unbiased Fisher-Yates shuffle.
  SplitMix64 random(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(epoch) + 1);
  random.shuffle(order);
  return order;
}

std::vector<std::vector<size_t>> epochBatches(const std::vector<int>& lengths, int batchSize,
                                              uint64_t seed, int epoch, bool bucketing) {
  const size_t n = lengths.size();
  const size_t size = static_cast<size_t>(std::max(1, batchSize));
  // The same seeded shuffle as ever, so that a run without bucketing sees its old batches.
  std::vector<size_t> order = shuffledOrder(n, seed, epoch);
  if (!bucketing) return cut(order, 0, n, size);
  // The batches' own order: a second generator of the same seed and epoch.
  SplitMix64 random(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(epoch) + 0x5EED);

  std::vector<std::vector<size_t>> batches;
  const size_t pool = size * kBucketPoolBatches;
  for (size_t from = 0; from < n; from += pool) {
    const size_t to = std::min(n, from + pool);
    std::stable_sort(order.begin() + from, order.begin() + to,
                     [&](size_t a, size_t b) { return lengths[a] < lengths[b]; });
    for (auto& batch : cut(order, from, to, size)) batches.push_back(std::move(batch));
  }
  random.shuffle(batches);
  return batches;
}

long paddingTokens(const std::vector<int>& lengths,
                   const std::vector<std::vector<size_t>>& batches) {
  long padding = 0;
  for (const auto& batch : batches) {
    int longest = 0;
    for (size_t row : batch) longest = std::max(longest, lengths[row]);
    for (size_t row : batch) padding += longest - lengths[row];
  }
  return padding;
}

}  // namespace twb

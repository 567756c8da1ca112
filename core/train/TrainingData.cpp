#include "train/TrainingData.h"

#include <numeric>

#include "common/SplitMix64.h"

namespace twb {

TensorBatch BatchMaker::make(const std::vector<EncodedExample>& examples,
                             const std::vector<size_t>& rows) const {
  std::vector<EncodedInput> inputs;
  inputs.reserve(rows.size());
  for (size_t r : rows) inputs.push_back(examples[r].input);
  Batch b = padBatch(arch, specials, inputs);
  auto shape = std::vector<int64_t>{b.rows, b.cols};
  auto asTensor = [&](std::vector<int64_t>& v) {
    return torch::from_blob(v.data(), shape, torch::kInt64).clone().to(device);
  };
  TensorBatch out{asTensor(b.ids), asTensor(b.mask), asTensor(b.types), {}};
  if (regression) {
    std::vector<float> scores;
    for (size_t r : rows) scores.push_back(examples[r].score);
    out.labels = torch::tensor(scores, torch::kFloat32).to(device);
  } else {
    std::vector<int64_t> labels;
    for (size_t r : rows) labels.push_back(examples[r].label);
    out.labels = torch::tensor(labels, torch::kInt64).to(device);
  }
  return out;
}

std::vector<size_t> shuffledOrder(size_t n, uint64_t seed, int epoch) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Seeded per epoch; the project's one generator drives an unbiased Fisher-Yates shuffle.
  SplitMix64 random(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(epoch) + 1);
  random.shuffle(order);
  return order;
}

}  // namespace twb

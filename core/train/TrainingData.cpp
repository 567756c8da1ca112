#include "train/TrainingData.h"

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

std::vector<int> BatchMaker::lengths(const std::vector<EncodedExample>& examples) {
  std::vector<int> out;
  out.reserve(examples.size());
  for (const EncodedExample& e : examples) out.push_back(static_cast<int>(e.input.ids.size()));
  return out;
}

}  // namespace twb

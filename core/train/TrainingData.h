// TrainingData: tokenized examples of one stage and how they are cut into padded batches.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

#include "common/TorchApi.h"
#include "text/ModelInputs.h"

namespace twb {

struct EncodedExample {
  EncodedInput input;
  int label = -1;
  float score = 0;
};

// A padded batch as tensors on a device.
struct TensorBatch {
  torch::Tensor ids, mask, types;
  torch::Tensor labels;  // int64 [B] for classification, float [B] for regression
};

struct BatchMaker {
  QString arch;
  SpecialIds specials;
  torch::Device device = torch::kCPU;
  bool regression = false;

  TensorBatch make(const std::vector<EncodedExample>& examples,
                   const std::vector<size_t>& rows) const;
};

// Deterministic shuffling for a seed and epoch (common/SplitMix64: the same on every platform).
std::vector<size_t> shuffledOrder(size_t n, uint64_t seed, int epoch);

}  // namespace twb

// TrainingData: tokenized examples of one stage and how they are cut into padded batches.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

#include "common/TorchApi.h"
#include "text/ModelInputs.h"
#include "train/BatchOrder.h"
#include "train/Precision.h"

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
  // The forward passes' precision (train.precision, resolved): bf16 autocast or fp32.
  Precision precision = Precision::Fp32;

  TensorBatch make(const std::vector<EncodedExample>& examples,
                   const std::vector<size_t>& rows) const;
  // Each example's length in tokens, for bucketing.
  static std::vector<int> lengths(const std::vector<EncodedExample>& examples);
};

}  // namespace twb

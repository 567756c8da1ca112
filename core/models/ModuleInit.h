// ModuleInit: Hugging Face's initialisation (normal 0.02, zero biases) for modules built here.
#pragma once

#include "common/TorchApi.h"
#include "family/EncoderConfig.h"
#include "models/LayerNorm.h"
#include "models/Linear.h"

namespace twb {

constexpr double kInitStd = 0.02;  // initializer_range of BERT, RoBERTa and XLNet configs

inline void initNormal(torch::Tensor& tensor) { torch::nn::init::normal_(tensor, 0.0, kInitStd); }

inline void initLinear(Linear& linear) {
  initNormal(linear->weight);
  if (linear->bias.defined()) torch::nn::init::zeros_(linear->bias);
}

// padId < 0: no padding row; otherwise that row starts at zero as in nn.Embedding(padding_idx).
inline void initEmbedding(torch::nn::Embedding& embedding, std::int64_t padId) {
  initNormal(embedding->weight);
  if (padId >= 0) {
    torch::NoGradGuard noGrad;
    embedding->weight[padId].zero_();
  }
}

// A LayerNorm over the hidden size with the family's epsilon.
inline LayerNorm layerNorm(const EncoderConfig& config) {
  return LayerNorm(torch::nn::LayerNormOptions({config.hidden}).eps(config.layerNormEps));
}

// A Linear layer initialised as Hugging Face does.
inline Linear linear(std::int64_t in, std::int64_t out) {
  Linear layer(in, out);
  initLinear(layer);
  return layer;
}

}  // namespace twb

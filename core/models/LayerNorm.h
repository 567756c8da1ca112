// LayerNorm: torch's LayerNorm that normalises in its weights' precision, whatever comes in.
#pragma once

#include "common/TorchApi.h"

namespace twb {

// Under bf16 autocast a LayerNorm can receive a bfloat16 activation (a head's dense + GELU), and
// LibTorch 1.13's CPU layer_norm refuses mixed types. Normalising in float32 is also what later
// versions' autocast does. Same parameters and state-dict keys as torch::nn::LayerNorm.
class LayerNormImpl : public torch::nn::LayerNormImpl {
 public:
  using torch::nn::LayerNormImpl::LayerNormImpl;
  torch::Tensor forward(const torch::Tensor& input) {
    const bool same = !weight.defined() || input.scalar_type() == weight.scalar_type();
    return torch::nn::LayerNormImpl::forward(same ? input : input.to(weight.scalar_type()));
  }
};
TORCH_MODULE(LayerNorm);

}  // namespace twb

// Dropout: inverted dropout whose mask is hashed in parallel (LibTorch's CPU bernoulli_ is serial).
#pragma once

#include "common/TorchApi.h"

namespace twb {

// Drops each element with probability p and scales the rest by 1 / (1 - p), as
// torch::nn::Dropout does, in training mode only. On the CPU the mask is a counter-based hash
// (splitmix64 of a seed and the element's index) filled by all of torch's threads; the seed is one
// draw from torch's default generator, so torch::manual_seed still fixes every mask. Elsewhere
// (CUDA) it is torch's own dropout. LibTorch 1.13's CPU bernoulli_ draws one element at a time
// from a Mersenne twister on one thread: a fifth of a bf16 training step (README, "Speed").
class DropoutImpl : public torch::nn::Cloneable<DropoutImpl> {
 public:
  explicit DropoutImpl(double p = 0.1) : p_(p) {}
  void reset() override {}
  torch::Tensor forward(const torch::Tensor& input);

 private:
  double p_;
};
TORCH_MODULE(Dropout);

// The scaled keep-mask dropout multiplies by: 0 or 1 / (1 - p), in dtype, from seed.
torch::Tensor dropoutMask(at::IntArrayRef shape, double p, std::uint64_t seed,
                          at::ScalarType dtype);

}  // namespace twb

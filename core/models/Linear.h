// Linear: torch's Linear layer whose float32 products run on oneDNN (models/OneDnnProduct.h).
#pragma once

#include "common/TorchApi.h"
#include "models/Products.h"

namespace twb {

// Same parameters, options and state-dict keys as torch::nn::Linear.
class LinearImpl : public torch::nn::LinearImpl {
 public:
  using torch::nn::LinearImpl::LinearImpl;
  torch::Tensor forward(const torch::Tensor& input) { return linearProduct(input, weight, bias); }
};
TORCH_MODULE(Linear);

}  // namespace twb

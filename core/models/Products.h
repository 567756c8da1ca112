// Products: the model's matrix products with autograd, float32 ones on oneDNN (OneDnnProduct.h).
#pragma once

#include "common/TorchApi.h"

namespace twb {

// x [..., in] times weight [out, in] transposed, plus bias [out]: torch::linear's result. Float32
// products go to oneDNN, forward and backward; anything else (bfloat16 under autocast, another
// device) goes through torch::linear.
torch::Tensor linearProduct(const torch::Tensor& x, const torch::Tensor& weight,
                            const torch::Tensor& bias = {});

// a [..., M, K] times b [..., K, N], same leading dimensions (attention's scores and context):
// torch::matmul's result, float32 on oneDNN as above.
torch::Tensor batchedProduct(const torch::Tensor& a, const torch::Tensor& b);

}  // namespace twb

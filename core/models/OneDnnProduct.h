// OneDnnProduct: float32 matrix products on oneDNN, which threads on torch's own OpenMP pool.
#pragma once

#include "common/TorchApi.h"

namespace twb {

// Which library multiplies float32 matrices in the model's own products (linear layers,
// attention). oneDNN (the default) threads on torch's OpenMP pool, so the elementwise work
// between products runs on every core too; Blas is torch's own path (OpenBLAS on its pthread
// pool), kept for benchmarks and as a fallback.
enum class FloatProducts { OneDnn, Blas };
void setFloatProducts(FloatProducts products);
FloatProducts floatProducts();

// True when a product of these operands goes to oneDNN: float32 CPU tensors, CPU autocast off
// (under autocast torch's own path casts to bfloat16) and FloatProducts::OneDnn chosen.
bool oneDnnTakes(const torch::Tensor& a, const torch::Tensor& b);

// a [M, K] x b [K, N] (+ bias [N]) -> a new contiguous [M, N]; or batched, a [S, M, K] x
// b [S, K, N] -> [S, M, N]. Float32 CPU tensors of any strides (transposed views need no
// copy); no autograd: callers wrap it (models/Linear, models/Attention).
// `shape`, when given, is the result's shape (same number of elements): the result is then a
// tensor of its own, not a view, so autograd lets a caller change it in place.
torch::Tensor oneDnnMatmul(const torch::Tensor& a, const torch::Tensor& b,
                           const torch::Tensor& bias = {}, c10::IntArrayRef shape = {});

}  // namespace twb

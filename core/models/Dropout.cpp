#include "models/Dropout.h"

#include <ATen/Parallel.h>

#include <limits>

#include "common/SplitMix64.h"

namespace twb {
namespace {

template <class T>
void fillMask(T* out, std::int64_t n, double p, std::uint64_t seed) {
  // Keep an element when the top 32 bits of its hash reach p * 2^32.
  const std::uint64_t threshold = static_cast<std::uint64_t>(p * 4294967296.0);
  const T keep = static_cast<T>(1.0 / (1.0 - p));
  const T drop = static_cast<T>(0.0);
  const std::uint64_t base = SplitMix64::mix(seed);
  at::parallel_for(0, n, 32768, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t i = begin; i < end; ++i) {
      const std::uint64_t h =
          SplitMix64::mix(base + SplitMix64::kGolden * static_cast<std::uint64_t>(i));
      out[i] = (h >> 32) >= threshold ? keep : drop;
    }
  });
}

}  // namespace

torch::Tensor dropoutMask(at::IntArrayRef shape, double p, std::uint64_t seed,
                          at::ScalarType dtype) {
  if (dtype != at::kBFloat16 && dtype != at::kDouble) dtype = at::kFloat;
  torch::Tensor mask = torch::empty(shape, torch::TensorOptions().dtype(dtype));
  const std::int64_t n = mask.numel();
  if (dtype == at::kBFloat16)
    fillMask(mask.data_ptr<at::BFloat16>(), n, p, seed);
  else if (dtype == at::kDouble)
    fillMask(mask.data_ptr<double>(), n, p, seed);
  else
    fillMask(mask.data_ptr<float>(), n, p, seed);
  return mask;
}

torch::Tensor DropoutImpl::forward(const torch::Tensor& input) {
  if (!is_training() || p_ <= 0) return input;
  if (p_ >= 1) return input * 0;
  if (!input.device().is_cpu() ||
      (input.scalar_type() != at::kFloat && input.scalar_type() != at::kBFloat16 &&
       input.scalar_type() != at::kDouble))
    return torch::dropout(input, p_, /*train=*/true);
  // One draw from the default generator: torch::manual_seed fixes the mask.
  const auto seed = static_cast<std::uint64_t>(
      torch::randint(std::numeric_limits<std::int64_t>::max(), {1}, torch::kInt64).item<int64_t>());
  return input * dropoutMask(input.sizes(), p_, seed, input.scalar_type());
}

}  // namespace twb

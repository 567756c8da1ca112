#include "train/AdamW.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <functional>

namespace twb {

AdamW::AdamW(std::vector<Group> groups, double lr, double beta1, double beta2, double eps)
    : lr_(lr), beta1_(beta1), beta2_(beta2), eps_(eps) {
  for (Group& group : groups)
    for (torch::Tensor& param : group.params) slots_.push_back({param, group.weightDecay, {}});
}

void AdamW::zeroGrad() {
  gradScale_ = 1;  // a clip belongs to the gradients it measured
  for (Slot& slot : slots_) {
    torch::Tensor& grad = slot.param.mutable_grad();
    if (!grad.defined()) continue;
    grad.detach_();
    grad.zero_();
  }
}

double AdamW::clipGradNorm(double maxNorm) {
  double squares = 0;
  for (const Slot& slot : slots_) {
    const torch::Tensor& grad = slot.param.grad();
    if (!grad.defined()) continue;
    if (grad.scalar_type() != torch::kFloat32 || !grad.is_contiguous() || !grad.device().is_cpu()) {
      squares += grad.to(torch::kFloat64).pow(2).sum().item<double>();
      continue;
    }
    const float* g = grad.data_ptr<float>();
    squares += at::parallel_reduce(
        0, grad.numel(), 32768, 0.0,
        [&](std::int64_t begin, std::int64_t end, double sum) {
          for (std::int64_t i = begin; i < end; ++i) sum += double(g[i]) * g[i];
          return sum;
        },
        std::plus<double>());
  }
  const double norm = std::sqrt(squares);
  // As torch's clamp: a NaN norm scales every gradient to NaN (the next loss then stops the
  // run), rather than leaving all but the NaN entries to update as if nothing happened.
  gradScale_ = std::isnan(norm) ? NAN : static_cast<float>(std::min(1.0, maxNorm / (norm + 1e-6)));
  return norm;
}

void AdamW::step() {
  torch::NoGradGuard noGrad;
  for (Slot& slot : slots_)
    if (slot.param.grad().defined()) update(slot);
  gradScale_ = 1;
}

void AdamW::update(Slot& slot) {
  torch::Tensor& param = slot.param;
  State& state = slot.state;
  if (!state.expAvg.defined()) {
    state.expAvg = torch::zeros_like(param, torch::MemoryFormat::Preserve);
    state.expAvgSq = torch::zeros_like(param, torch::MemoryFormat::Preserve);
  }
  ++state.steps;
  const double correction1 = 1 - std::pow(beta1_, static_cast<double>(state.steps));
  const double correction2 = 1 - std::pow(beta2_, static_cast<double>(state.steps));
  const torch::Tensor grad = param.grad();
  const bool fused = param.device().is_cpu() && param.scalar_type() == torch::kFloat32 &&
                     grad.scalar_type() == torch::kFloat32 && param.is_contiguous() &&
                     grad.is_contiguous() && state.expAvg.is_contiguous();
  if (!fused) {  // torch's own operations, in its order
    if (gradScale_ != 1) param.mutable_grad().mul_(gradScale_);
    param.mul_(1 - lr_ * slot.weightDecay);
    state.expAvg.mul_(beta1_).add_(grad, 1 - beta1_);
    state.expAvgSq.mul_(beta2_).addcmul_(grad, grad, 1 - beta2_);
    const torch::Tensor denom = (state.expAvgSq.sqrt() / std::sqrt(correction2)).add_(eps_);
    param.addcdiv_(state.expAvg, denom, -lr_ / correction1);
    return;
  }
  // torch's scalars reach its float kernels as floats: the same constants, the same order.
  const float decay = static_cast<float>(1 - lr_ * slot.weightDecay);
  const float beta1 = static_cast<float>(beta1_), keep1 = static_cast<float>(1 - beta1_);
  const float beta2 = static_cast<float>(beta2_), keep2 = static_cast<float>(1 - beta2_);
  const float root2 = static_cast<float>(std::sqrt(correction2));
  const float eps = static_cast<float>(eps_);
  const float stepSize = static_cast<float>(-lr_ / correction1);
  const float scale = gradScale_;
  float* p = param.data_ptr<float>();
  const float* g = grad.data_ptr<float>();
  float* m = state.expAvg.data_ptr<float>();
  float* v = state.expAvgSq.data_ptr<float>();
  at::parallel_for(0, param.numel(), 32768, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t i = begin; i < end; ++i) {
      const float gi = g[i] * scale;
      const float mi = m[i] * beta1 + keep1 * gi;
      const float vi = v[i] * beta2 + keep2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] * decay + stepSize * mi / (std::sqrt(vi) / root2 + eps);
    }
  });
}

}  // namespace twb

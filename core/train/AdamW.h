// AdamW: torch's AdamW update, made in one fused pass over each parameter instead of eight.
#pragma once

#include <vector>

#include "common/TorchApi.h"

namespace twb {

// The same arithmetic as torch::optim::AdamW (LibTorch 1.13): decoupled weight decay, bias-
// corrected moments, eps added after the square root; zeroGrad() zeroes gradients in place as
// its zero_grad() does, and a parameter whose gradient is undefined is skipped. Each float32
// parameter is updated by one loop on torch's thread pool reading and writing it, its gradient
// and both moments once (torch's chain of eight tensor operations walks them about twenty times:
// a third of a small model's step). Not serialised: a stage builds its own.
class AdamW {
 public:
  struct Group {
    std::vector<torch::Tensor> params;
    double weightDecay = 0;
  };
  AdamW(std::vector<Group> groups, double lr, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8);

  void setLearningRate(double lr) { lr_ = lr; }
  void zeroGrad();
  // torch::nn::utils::clip_grad_norm_ (2-norm): returns the gradients' total norm, and the next
  // step() uses them scaled by min(1, maxNorm / (norm + 1e-6)), inside its fused pass instead of
  // in a pass of its own over every gradient.
  double clipGradNorm(double maxNorm);
  void step();

 private:
  struct State {
    torch::Tensor expAvg, expAvgSq;
    long steps = 0;
  };
  struct Slot {
    torch::Tensor param;
    double weightDecay;
    State state;
  };
  void update(Slot& slot);

  std::vector<Slot> slots_;
  double lr_, beta1_, beta2_, eps_;
  float gradScale_ = 1;  // clipGradNorm's factor for the next step
};

}  // namespace twb

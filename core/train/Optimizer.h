// Optimizer: AdamW with the usual split of parameters with and without weight decay.
#pragma once

#include <memory>

#include "common/TorchApi.h"
#include "train/AdamW.h"

namespace twb {

// Biases and LayerNorm weights get no weight decay, as BERT's recipe has it.
std::unique_ptr<AdamW> makeAdamW(torch::nn::Module& model, double lr, double weightDecay);
// Throws RunError naming the stage when the loss is NaN or infinite.
void checkFinite(double loss, long step, const char* stage);

// The learning-rate schedule and clipping a stage trains with.
struct StepSchedule {
  double peakLr = 0;
  long warmupSteps = 0;
  long totalSteps = 0;
  double clipNorm = 0;  // 0: no clipping
};

// The update both trainers make once a batch's loss is known, written once: gradients, clipping,
// the learning rate of linear warm-up and decay at step (0-based), the optimizer's step. Returns
// the loss's value; a NaN or infinite loss throws RunError naming stage and step + 1.
double optimizerStep(AdamW& optimizer, const torch::Tensor& loss, const StepSchedule& schedule,
                     long step, const char* stage);

}  // namespace twb

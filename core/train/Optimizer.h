// Optimizer: AdamW with the usual split of parameters with and without weight decay.
#pragma once

#include <memory>

#include "common/TorchApi.h"

namespace twb {

// Biases and LayerNorm weights get no weight decay, as BERT's recipe has it.
std::unique_ptr<torch::optim::AdamW> makeAdamW(torch::nn::Module& model, double lr,
                                               double weightDecay);
void setLearningRate(torch::optim::Optimizer& optimizer, double lr);
// Throws RunError naming the stage when the loss is NaN or infinite.
void checkFinite(double loss, long step, const char* stage);

}  // namespace twb

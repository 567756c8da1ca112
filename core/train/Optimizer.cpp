#include "train/Optimizer.h"

#include <QString>
#include <cmath>

#include "common/InputError.h"
#include "train/Schedule.h"

namespace twb {

std::unique_ptr<torch::optim::AdamW> makeAdamW(torch::nn::Module& model, double lr,
                                               double weightDecay) {
  std::vector<torch::Tensor> decayed, plain;
  for (const auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    const bool noDecay = item.value().dim() < 2 || name.find("LayerNorm") != std::string::npos ||
                         name.find("layer_norm") != std::string::npos;
    (noDecay ? plain : decayed).push_back(item.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  auto options = [&](double decay) {
    return std::make_unique<torch::optim::AdamWOptions>(
        torch::optim::AdamWOptions(lr).weight_decay(decay).eps(1e-8));
  };
  groups.emplace_back(decayed, options(weightDecay));
  groups.emplace_back(plain, options(0.0));
  return std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(lr));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

void checkFinite(double loss, long step, const char* stage) {
  if (std::isfinite(loss)) return;
  throw RunError(QStringLiteral("%1 stage: the loss became %2 at step %3; try a lower learning "
                                "rate or gradient clipping")
                     .arg(QString::fromLatin1(stage), std::isnan(loss) ? "NaN" : "infinite")
                     .arg(step)
                     .toStdString());
}

double optimizerStep(torch::optim::Optimizer& optimizer, torch::nn::Module& model,
                     const torch::Tensor& loss, const StepSchedule& schedule, long step,
                     const char* stage) {
  optimizer.zero_grad();
  loss.backward();
  if (schedule.clipNorm > 0)
    torch::nn::utils::clip_grad_norm_(model.parameters(), schedule.clipNorm);
  setLearningRate(optimizer, schedule.peakLr * linearWarmupDecay(step, schedule.warmupSteps,
                                                                 schedule.totalSteps));
  optimizer.step();
  const double value = loss.item<double>();
  checkFinite(value, step + 1, stage);
  return value;
}

}  // namespace twb

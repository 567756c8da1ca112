#include "train/Optimizer.h"

#include <QString>
#include <cmath>

#include "common/InputError.h"
#include "train/Schedule.h"

namespace twb {

std::unique_ptr<AdamW> makeAdamW(torch::nn::Module& model, double lr, double weightDecay) {
  AdamW::Group decayed{{}, weightDecay}, plain{{}, 0.0};
  for (const auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    const bool noDecay = item.value().dim() < 2 || name.find("LayerNorm") != std::string::npos ||
                         name.find("layer_norm") != std::string::npos;
    (noDecay ? plain : decayed).params.push_back(item.value());
  }
  return std::make_unique<AdamW>(std::vector<AdamW::Group>{decayed, plain}, lr);
}

void checkFinite(double loss, long step, const char* stage) {
  if (std::isfinite(loss)) return;
  throw RunError(QStringLiteral("%1 stage: the loss became %2 at step %3; try a lower learning "
                                "rate or gradient clipping")
                     .arg(QString::fromLatin1(stage), std::isnan(loss) ? "NaN" : "infinite")
                     .arg(step)
                     .toStdString());
}

double optimizerStep(AdamW& optimizer, const torch::Tensor& loss, const StepSchedule& schedule,
                     long step, const char* stage) {
  optimizer.zeroGrad();
  loss.backward();
  if (schedule.clipNorm > 0) optimizer.clipGradNorm(schedule.clipNorm);
  optimizer.setLearningRate(schedule.peakLr *
                            linearWarmupDecay(step, schedule.warmupSteps, schedule.totalSteps));
  optimizer.step();
  const double value = loss.item<double>();
  checkFinite(value, step + 1, stage);
  return value;
}

}  // namespace twb

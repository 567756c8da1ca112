#include "train/MaskedLM.h"

#include "common/InputError.h"
#include "train/Optimizer.h"

namespace twb {

torch::Tensor maskTokens(torch::Tensor& ids, const torch::Tensor& mask, const SpecialIds& s,
                         int vocabSize, double probability) {
  torch::Tensor candidates = mask.to(torch::kBool);
  for (int special : {s.cls, s.sep, s.pad, s.mask})
    if (special >= 0) candidates &= ids != special;
  const auto options = torch::TensorOptions().device(ids.device());
  torch::Tensor chosen =
      (torch::rand(ids.sizes(), options.dtype(torch::kFloat32)) < probability) & candidates;
  torch::Tensor labels = torch::where(chosen, ids, torch::full_like(ids, -100));
  const torch::Tensor draw = torch::rand(ids.sizes(), options.dtype(torch::kFloat32));
  const torch::Tensor toMask = chosen & (draw < 0.8);
  const torch::Tensor toRandom = chosen & (draw >= 0.8) & (draw < 0.9);
  ids = torch::where(toMask, torch::full_like(ids, s.mask), ids);
  ids = torch::where(toRandom, torch::randint(vocabSize, ids.sizes(), options.dtype(torch::kInt64)),
                     ids);
  return labels;
}

torch::Tensor maskedLmLoss(TaskModel& model, const TensorBatch& batch, const torch::Tensor& labels,
                           Precision precision) {
  const torch::Tensor flatLabels = labels.reshape({-1});
  const torch::Tensor positions = flatLabels.ne(-100).nonzero().squeeze(1);
  torch::Tensor logits;
  {
    PrecisionScope scope(precision);
    const torch::Tensor hidden = model->hidden(batch.ids, batch.mask, batch.types);
    const torch::Tensor predicted =
        hidden.reshape({-1, hidden.size(-1)}).index_select(0, positions);
    logits = model->headOutput(predicted, batch.mask);
  }
  return torch::nn::functional::cross_entropy(logits.to(torch::kFloat32),
                                              flatLabels.index_select(0, positions));
}

void pretrainMaskedLM(TaskModel& model, const std::vector<EncodedExample>& sequences,
                      const BatchMaker& batches, const PretrainOptions& o, StageReporter& reporter,
                      const std::vector<size_t>& drawOrder) {
  if (sequences.empty()) throw RunError("pretrain stage: there is no text to train on");
  auto optimizer = makeAdamW(*model, o.lr, o.weightDecay);
  const StepSchedule schedule{o.lr, std::lround(o.steps * o.warmup), o.steps, o.clipNorm};
  const int vocab = model->config().vocabSize;
  long step = 0;
  long stepsBefore = -1;
  for (int epoch = 0; step < o.steps; ++epoch) {
    // A whole pass with no step (no batch had a token to mask) would loop for ever.
    if (step == stepsBefore)
      throw RunError("pretrain stage: the text has no tokens to mask (texts too short?)");
    stepsBefore = step;
    const std::vector<size_t> order =
        drawOrder.empty() ? shuffledOrder(sequences.size(), o.seed, epoch) : drawOrder;
    for (size_t start = 0; start < order.size() && step < o.steps; start += o.batchSize) {
      model->train();
      const std::vector<size_t> rows(order.begin() + start,
                                     order.begin() + std::min(order.size(), start + o.batchSize));
      TensorBatch b = batches.make(sequences, rows);
      const torch::Tensor labels =
          maskTokens(b.ids, b.mask, batches.specials, vocab, o.maskProbability);
      // A batch of very short texts can draw no token to predict; draw again.
      if (!(labels != -100).any().item<bool>()) continue;
      const torch::Tensor loss = maskedLmLoss(model, b, labels, batches.precision);
      const double value = optimizerStep(*optimizer, loss, schedule, step, "pretrain");
      ++step;
      reporter.point(QStringLiteral("train_loss"), step,
                     epoch + static_cast<double>(start + rows.size()) / order.size(), value);
      reporter.step(step, o.steps, value);
    }
  }
}

}  // namespace twb

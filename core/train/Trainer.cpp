#include "train/Trainer.h"

#include <cmath>
#include <limits>

#include "train/Metrics.h"
#include "train/Optimizer.h"

namespace twb {
namespace {

bool isRegression(const TaskModel& model) { return model->head() == HeadKind::Regression; }

torch::Tensor lossOf(const TaskModel& model, const torch::Tensor& out, const torch::Tensor& gold) {
  return isRegression(model) ? torch::mse_loss(out, gold)
                             : torch::nn::functional::cross_entropy(out, gold);
}

StateDict cloneState(const TaskModel& model) {
  StateDict copy;
  for (auto& [name, tensor] : model->state()) copy[name] = tensor.detach().clone();
  return copy;
}

}  // namespace

long plannedSteps(size_t trainSize, const TrainerOptions& o) {
  const long perEpoch = static_cast<long>((trainSize + o.batchSize - 1) / o.batchSize);
  long total = perEpoch * o.epochs;
  if (o.maxSteps > 0) total = std::min(total, o.maxSteps);
  return total;
}

Evaluation evaluate(TaskModel& model, const std::vector<EncodedExample>& examples,
                    const BatchMaker& batches, int batchSize) {
  torch::NoGradGuard noGrad;
  model->eval();
  Evaluation ev;
  double lossSum = 0;
  std::vector<int> predicted, gold;
  std::vector<double> scores, goldScores;
  for (size_t start = 0; start < examples.size(); start += batchSize) {
    std::vector<size_t> rows;
    for (size_t i = start; i < std::min(examples.size(), start + batchSize); ++i) rows.push_back(i);
    const TensorBatch b = batches.make(examples, rows);
    const torch::Tensor out = model->forward(b.ids, b.mask, b.types);
    lossSum += lossOf(model, out, b.labels).item<double>() * rows.size();
    const torch::Tensor cpuOut = out.to(torch::kCPU);
    if (isRegression(model)) {
      auto s = cpuOut.to(torch::kFloat64).contiguous();
      scores.insert(scores.end(), s.data_ptr<double>(), s.data_ptr<double>() + s.numel());
      for (size_t r : rows) goldScores.push_back(examples[r].score);
    } else {
      const auto [best, index] = torch::softmax(cpuOut.to(torch::kFloat64), 1).max(1);
      auto p = index.to(torch::kInt32).contiguous();
      predicted.insert(predicted.end(), p.data_ptr<int>(), p.data_ptr<int>() + p.numel());
      auto probability = best.contiguous();
      ev.probability.insert(ev.probability.end(), probability.data_ptr<double>(),
                            probability.data_ptr<double>() + probability.numel());
      for (size_t r : rows) gold.push_back(examples[r].label);
    }
  }
  if (isRegression(model)) {
    ev.gold = goldScores;
    ev.predicted = scores;
  } else {
    ev.gold.assign(gold.begin(), gold.end());
    ev.predicted.assign(predicted.begin(), predicted.end());
  }
  ev.loss = examples.empty() ? NAN : lossSum / examples.size();
  if (isRegression(model)) {
    ev.scores[QStringLiteral("pearson")] = metrics::pearson(scores, goldScores);
    ev.scores[QStringLiteral("spearman")] = metrics::spearman(scores, goldScores);
    ev.primaryName = QStringLiteral("pearson");
  } else {
    ev.scores[QStringLiteral("accuracy")] = metrics::accuracy(predicted, gold);
    ev.scores[QStringLiteral("macro_f1")] = metrics::macroF1(predicted, gold);
    ev.primaryName = QStringLiteral("accuracy");
  }
  ev.primary = ev.scores[ev.primaryName];
  return ev;
}

FitOutcome fit(TaskModel& model, const std::vector<EncodedExample>& train,
               const std::vector<EncodedExample>& dev, const BatchMaker& batches,
               const TrainerOptions& o, StageReporter& reporter) {
  FitOutcome outcome;
  const long total = plannedSteps(train.size(), o);
  const long perEpoch = static_cast<long>((train.size() + o.batchSize - 1) / o.batchSize);
  const long warmupSteps = std::lround(total * o.warmup);
  const long evalEvery = o.evalEvery > 0 ? o.evalEvery : std::max(1L, perEpoch);
  auto optimizer = makeAdamW(*model, o.lr, o.weightDecay);
  const StepSchedule schedule{o.lr, warmupSteps, total, o.clipNorm};
  double best = -std::numeric_limits<double>::infinity();
  StateDict bestState;
  int withoutImprovement = 0;
  long step = 0;

  auto evaluateDev = [&](double epoch) {
    if (dev.empty()) return false;
    const Evaluation ev = evaluate(model, dev, batches, o.batchSize);
    reporter.point(QStringLiteral("dev_loss"), step, epoch, ev.loss);
    for (const auto& [name, value] : ev.scores)
      reporter.point(QStringLiteral("dev_") + name, step, epoch, value);
    // An undefined score (Pearson of a constant prediction) ranks below every real one.
    const double score =
        std::isfinite(ev.primary) ? ev.primary : -std::numeric_limits<double>::infinity();
    if (score > best + 1e-12 || bestState.empty()) {
      best = score;
      outcome.bestDev = std::isfinite(best) ? best : NAN;
      outcome.bestStep = step;
      bestState = cloneState(model);
      withoutImprovement = 0;
      return false;
    }
    return o.patience > 0 && ++withoutImprovement >= o.patience;
  };

  for (int epoch = 0; epoch < o.epochs && step < total && !outcome.stoppedEarly; ++epoch) {
    const std::vector<size_t> order = shuffledOrder(train.size(), o.seed, epoch);
    for (size_t start = 0; start < order.size() && step < total; start += o.batchSize) {
      model->train();
      const std::vector<size_t> rows(order.begin() + start,
                                     order.begin() + std::min(order.size(), start + o.batchSize));
      const TensorBatch b = batches.make(train, rows);
      const torch::Tensor loss = lossOf(model, model->forward(b.ids, b.mask, b.types), b.labels);
      const double value = optimizerStep(*optimizer, *model, loss, schedule, step, "training");
      ++step;
      const double epochPosition = epoch + static_cast<double>(start + rows.size()) / order.size();
      reporter.point(QStringLiteral("train_loss"), step, epochPosition, value);
      reporter.step(step, total, value);
      if (step % evalEvery == 0 || step == total) {
        if (evaluateDev(epochPosition)) {
          outcome.stoppedEarly = true;
          reporter.log(QStringLiteral("early stop at step %1: no dev improvement in %2 evaluations")
                           .arg(step)
                           .arg(o.patience));
          break;
        }
      }
    }
  }
  outcome.steps = step;
  if (!bestState.empty()) model->loadState(bestState);
  return outcome;
}

}  // namespace twb

#include "train/Trainer.h"

#include <cmath>
#include <limits>
#include <numeric>

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

torch::Tensor forwardIn(TaskModel& model, const TensorBatch& batch, Precision precision) {
  PrecisionScope scope(precision);
  return model->forward(batch.ids, batch.mask, batch.types).to(torch::kFloat32);
}

Evaluation evaluate(TaskModel& model, const std::vector<EncodedExample>& examples,
                    const BatchMaker& batches, int batchSize) {
  c10::InferenceMode inference;
  model->eval();
  Evaluation ev;
  const size_t n = examples.size();
  double lossSum = 0;
  std::vector<int> predicted(n), gold(n);
  std::vector<double> scores(n), goldScores(n);
  if (!isRegression(model)) ev.probability.assign(n, 0);
  // Rows by length: a batch of similar lengths pads little; results go back to their rows.
  const std::vector<int> lengths = BatchMaker::lengths(examples);
  std::vector<size_t> byLength(n);
  std::iota(byLength.begin(), byLength.end(), 0);
  std::stable_sort(byLength.begin(), byLength.end(),
                   [&](size_t a, size_t b) { return lengths[a] < lengths[b]; });
  const size_t size = static_cast<size_t>(std::max(1, batchSize));
  for (size_t start = 0; start < n; start += size) {
    const std::vector<size_t> rows(byLength.begin() + start,
                                   byLength.begin() + std::min(n, start + size));
    const TensorBatch b = batches.make(examples, rows);
    const torch::Tensor out = forwardIn(model, b, batches.precision);
    lossSum += lossOf(model, out, b.labels).item<double>() * rows.size();
    const torch::Tensor cpuOut = out.to(torch::kCPU);
    if (isRegression(model)) {
      auto s = cpuOut.to(torch::kFloat64).contiguous();
      for (size_t i = 0; i < rows.size(); ++i) {
        scores[rows[i]] = s.data_ptr<double>()[i];
        goldScores[rows[i]] = examples[rows[i]].score;
      }
    } else {
      const auto [best, index] = torch::softmax(cpuOut.to(torch::kFloat64), 1).max(1);
      auto p = index.to(torch::kInt32).contiguous();
      auto probability = best.contiguous();
      for (size_t i = 0; i < rows.size(); ++i) {
        predicted[rows[i]] = p.data_ptr<int>()[i];
        ev.probability[rows[i]] = probability.data_ptr<double>()[i];
        gold[rows[i]] = examples[rows[i]].label;
      }
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
    const Evaluation ev = evaluate(model, dev, batches, o.batchSize * kEvalBatchFactor);
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

  const std::vector<int> lengths = BatchMaker::lengths(train);
  for (int epoch = 0; epoch < o.epochs && step < total && !outcome.stoppedEarly; ++epoch) {
    const std::vector<std::vector<size_t>> epochRows =
        epochBatches(lengths, o.batchSize, o.seed, epoch, o.bucketing);
    size_t done = 0;
    for (const std::vector<size_t>& rows : epochRows) {
      if (step >= total) break;
      model->train();
      done += rows.size();
      const TensorBatch b = batches.make(train, rows);
      const torch::Tensor loss = lossOf(model, forwardIn(model, b, batches.precision), b.labels);
      const double value = optimizerStep(*optimizer, loss, schedule, step, "training");
      ++step;
      const double epochPosition = epoch + static_cast<double>(done) / train.size();
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

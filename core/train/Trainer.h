// Trainer: fine-tunes a TaskModel on one stage's data, with dev evaluation and early stopping.
#pragma once

#include <QString>
#include <map>

#include "common/TorchApi.h"
#include "models/TaskModel.h"
#include "train/TrainingData.h"

namespace twb {

struct TrainerOptions {
  double lr = 1e-4;
  int batchSize = 32;
  int epochs = 3;
  long maxSteps = 0;  // 0: epochs decide
  double warmup = 0.1;
  double weightDecay = 0.01;
  double clipNorm = 1.0;
  int evalEvery = 0;  // 0: once per epoch
  int patience = 0;   // evaluations without improvement before stopping; 0: never
  uint64_t seed = 1;
  bool bucketing = false;  // batches of similar length (train.bucketing)
};

// Evaluation keeps no activations for a backward pass: it runs this many times the training
// batch per forward pass.
constexpr int kEvalBatchFactor = 4;

// Where a stage's numbers go. The pipeline implements it (store + progress); tests record.
class StageReporter {
 public:
  virtual ~StageReporter() = default;
  virtual void point(const QString& name, long step, double epoch, double value) = 0;
  // Once per optimizer step; throws Cancelled when the user asked to stop.
  virtual void step(long step, long stageSteps, double loss) = 0;
  virtual void log(const QString& line) = 0;
};

struct Evaluation {
  double loss = 0;
  QString primaryName;  // accuracy (classification) or pearson (similarity)
  double primary = 0;
  std::map<QString, double> scores;  // accuracy, macro_f1 / pearson, spearman
  // Example by example, in the order given: gold and predicted label with the predicted class's
  // probability (classification), or gold and predicted score (similarity).
  std::vector<double> gold;
  std::vector<double> predicted;
  std::vector<double> probability;  // classification only
};

struct FitOutcome {
  long steps = 0;
  long bestStep = 0;
  double bestDev = 0;
  bool stoppedEarly = false;
};

// The model's output for a batch, its forward pass in the given precision; float32.
torch::Tensor forwardIn(TaskModel& model, const TensorBatch& batch, Precision precision);

// Scores examples in inference mode and the batches' precision, sorted by length into batches
// of batchSize (less padding); results come back in the order given.
Evaluation evaluate(TaskModel& model, const std::vector<EncodedExample>& examples,
                    const BatchMaker& batches, int batchSize);

// Trains with AdamW (no decay on biases and LayerNorm weights), linear warm-up and decay,
// gradient clipping; evaluates on dev and restores the best weights at the end. A NaN or
// infinite loss throws RunError; cancellation (StageReporter::step) throws Cancelled.
FitOutcome fit(TaskModel& model, const std::vector<EncodedExample>& train,
               const std::vector<EncodedExample>& dev, const BatchMaker& batches,
               const TrainerOptions& options, StageReporter& reporter);

long plannedSteps(size_t trainSize, const TrainerOptions& options);

}  // namespace twb

// Pipeline: one experiment's stages in order: per seed the shared stages (pretrain,
// intermediate), then both arms of every target. Bookkeeping is RunLedger's, weights on disk
// StageCheckpoints', scoring TargetScores'.
#pragma once

#include "experiment/EncodedTask.h"
#include "experiment/Engine.h"
#include "experiment/Plan.h"
#include "experiment/PretrainedModel.h"
#include "experiment/RunLedger.h"
#include "experiment/StageCheckpoints.h"
#include "experiment/StoreReporter.h"
#include "models/Safetensors.h"
#include "models/TaskModel.h"
#include "store/RunStore.h"
#include "text/Tokenizer.h"
#include "train/Trainer.h"

namespace twb {

class Pipeline {
 public:
  // pretrained: the checkpoint every seed starts from; nullptr to start from a seeded random
  // initialisation (and pretrain when the spec says so).
  Pipeline(const ExperimentSpec& spec, const ExperimentPlan& plan, const Tokenizer& tokenizer,
           RunStore& store, TaskState& state, torch::Device device,
           const PretrainedModel* pretrained = nullptr);

  // Runs a new experiment, or, with resumeId, the unfinished runs of a stored one: finished
  // runs are kept, shared stages are loaded from their checkpoints where they exist.
  ExperimentOutcome run(qint64 resumeId = 0);

 private:
  qint64 stageSteps(const PlannedTask& task, int seed) const;
  qint64 plannedSteps() const;
  EncodedTask encode(const PlannedTask& task, int seed) const;
  TaskModel newModel(const PlannedTask& task, int seed) const;
  void runSeed(int seed);
  StateDict pretrainStage(int seed);
  TaskModel pretrainingModel(int seed);
  StateDict withCheckpointPooler(StateDict state) const;
  StateDict intermediateStage(int seed, const StateDict& pretrained);
  FitOutcome trainStage(TaskModel& model, const EncodedTask& data, const StageInfo& info, int seed);
  void runTarget(const EncodedTask& data, const QString& arm, int seed, const StateDict& start);
  std::vector<size_t> pretrainDrawOrder(const std::vector<size_t>& groupSizes, int seed) const;
  // The spec's trainer options with the settings this experiment resolved (bucketing).
  TrainerOptions stageOptions(int epochs, int seed) const;
  // A new experiment records its resolved settings; a resumed one trains with those it
  // recorded (an experiment from before they were recorded: fp32, no bucketing).
  void resolveSettings(qint64 experimentId);

  const ExperimentSpec& spec_;
  const ExperimentPlan& plan_;
  const Tokenizer& tokenizer_;
  RunStore& store_;
  TaskState& state_;
  torch::Device device_;
  BatchMaker batches_;
  EncoderConfig config_;
  const PretrainedModel* pretrained_ = nullptr;
  StateDict pretrainedEncoder_;  // read once from the checkpoint, shared by every seed
  StateDict pretrainedMlm_;      // the checkpoint's masked-LM model, for continued pretraining
  RunLedger ledger_;
  StageCheckpoints checkpoints_;
  bool resuming_ = false;
  bool bucketing_ = true;
  ProgressTotals totals_;
};

}  // namespace twb

// Pipeline: one experiment's training loop: shared stages per seed, then both arms per target.
#pragma once

#include <map>
#include <set>
#include <tuple>

#include "experiment/Engine.h"
#include "experiment/Plan.h"
#include "experiment/PretrainedModel.h"
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
  struct RunKey {
    QString target, arm;
    int seed;
    bool operator<(const RunKey& o) const {
      return std::tie(target, arm, seed) < std::tie(o.target, o.arm, o.seed);
    }
  };
  struct EncodedTask {
    const PlannedTask* task = nullptr;
    std::vector<EncodedExample> train, dev, test;
    std::vector<EncodedExample> sourceTest;           // zero-shot: the English test part
    std::vector<EncodedExample> pivot, translations;  // retrieval: aligned item by item
  };

  QStringList arms() const;
  qint64 stageSteps(const PlannedTask& task, int seed) const;
  qint64 plannedSteps() const;
  void createRuns(qint64 experimentId);
  void adoptRuns(qint64 experimentId);
  EncodedTask encode(const PlannedTask& task, int seed) const;
  TaskModel newModel(const PlannedTask& task, int seed) const;
  StageInfo openStage(qint64 runId, int seed, const QString& stage, const QString& arm = {},
                      const QString& target = {});
  void finishStage(qint64 stageId);
  void runSeed(int seed);
  StateDict pretrainStage(int seed);
  TaskModel pretrainingModel(int seed);
  StateDict withCheckpointPooler(StateDict state) const;
  StateDict intermediateStage(int seed, const StateDict& pretrained);
  FitOutcome trainStage(TaskModel& model, const EncodedTask& data, const StageInfo& info, int seed);
  void runTarget(const EncodedTask& data, const QString& arm, int seed, const StateDict& start);
  void runRetrieval(const EncodedTask& data, qint64 runId, const StateDict& start);
  std::vector<size_t> pretrainDrawOrder(const std::vector<size_t>& groupSizes, int seed) const;
  QString checkpointPath(int seed, const QString& stage) const;
  void saveCheckpoint(const TaskModelImpl& model, int seed, const QString& stage,
                      const PlannedTask* task = nullptr);
  SafetensorsMetadata checkpointOrigin(int seed, const QString& stage) const;
  bool stageRecordedFinished(int seed, const QString& stage) const;
  bool loadCheckpoint(TaskModelImpl& model, int seed, const QString& stage);
  void closeOpenRuns(const ExperimentOutcome& outcome);

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
  QString checkpointDir_;
  qint64 experimentId_ = 0;
  bool resuming_ = false;
  ProgressTotals totals_;
  std::map<RunKey, qint64> runIds_;
  std::set<qint64> finished_;
  std::set<qint64> openStages_;  // started and not finished: closed with the outcome's status
  qint64 current_ = 0;
};

}  // namespace twb

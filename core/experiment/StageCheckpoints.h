// StageCheckpoints: the shared stages' weights on disk (pretrain, intermediate), each tied to one
// store, experiment, experiment file, stage, seed and tokenizer, and loaded back only there.
#pragma once

#include <QString>

#include "common/TaskState.h"
#include "experiment/PretrainedModel.h"
#include "experiment/RunLedger.h"
#include "models/Safetensors.h"
#include "models/TaskModel.h"
#include "text/Tokenizer.h"

namespace twb {

class StageCheckpoints {
 public:
  // pretrained: the checkpoint the experiment starts from, or nullptr (recorded in each file).
  StageCheckpoints(const RunStore& store, const RunLedger& ledger, const ExperimentSpec& spec,
                   const EncoderConfig& config, const Tokenizer& tokenizer,
                   const PretrainedModel* pretrained, TaskState& state, torch::Device device);

  // Binds to the ledger's experiment. fresh: a new experiment, whose folder is emptied (ids
  // restart in a re-created store, and a new experiment must not resume an old one's files).
  void open(bool fresh);

  QString path(int seed, const QString& stage) const;
  // A checkpoint exists and the store saw its stage finish: resuming loads it.
  bool reloadable(int seed, const QString& stage) const;
  void save(const TaskModelImpl& model, int seed, const QString& stage,
            const QStringList& labels = {});
  // Loads the stage's weights into model when reloadable; false when there are none. Throws
  // RunError, loading nothing, when the file's header names another store, experiment, file,
  // stage, seed or tokenizer.
  bool load(TaskModelImpl& model, int seed, const QString& stage);

 private:
  SafetensorsMetadata origin(int seed, const QString& stage) const;

  const RunStore& store_;
  const RunLedger& ledger_;
  const ExperimentSpec& spec_;
  const EncoderConfig& config_;
  const Tokenizer& tokenizer_;
  const PretrainedModel* pretrained_;
  TaskState& state_;
  torch::Device device_;
  QString folder_;
  QString configHash_;
  QString tokenizerHash_;  // a sentencepiece tokenizer's model file; empty for others
};

}  // namespace twb

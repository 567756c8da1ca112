#include "experiment/StageCheckpoints.h"

#include <QDir>
#include <QFileInfo>

#include "common/Files.h"
#include "experiment/CheckpointMetadata.h"
#include "text/SentencePieceTokenizer.h"

namespace twb {

StageCheckpoints::StageCheckpoints(const RunStore& store, const RunLedger& ledger,
                                   const ExperimentSpec& spec, const EncoderConfig& config,
                                   const Tokenizer& tokenizer, const PretrainedModel* pretrained,
                                   TaskState& state, torch::Device device)
    : store_(store),
      ledger_(ledger),
      spec_(spec),
      config_(config),
      tokenizer_(tokenizer),
      pretrained_(pretrained),
      state_(state),
      device_(device) {}

void StageCheckpoints::open(bool fresh) {
  folder_ = store_.checkpointFolder(ledger_.experimentId());
  if (fresh) QDir(folder_).removeRecursively();
  // The hash the store recorded with the experiment: the file this experiment was started from.
  const std::optional<ExperimentRecord> record = store_.experiment(ledger_.experimentId());
  configHash_ = record ? record->yamlHash : QString();
  // The tokenizer is the experiment's for its whole run: hashed once, not per save and load.
  if (const auto* sp = dynamic_cast<const SentencePieceTokenizer*>(&tokenizer_))
    tokenizerHash_ = sha256OfFile(sp->modelPath());
}

QString StageCheckpoints::path(int seed, const QString& stage) const {
  return QStringLiteral("%1/seed%2-%3.safetensors").arg(folder_).arg(seed).arg(stage);
}

bool StageCheckpoints::reloadable(int seed, const QString& stage) const {
  // Only a stage the store saw finish has weights to load; a file without that record is not
  // this experiment's (and is trained again, not trusted).
  return QFileInfo::exists(path(seed, stage)) && ledger_.sharedStageFinished(seed, stage);
}

void StageCheckpoints::save(const TaskModelImpl& model, int seed, const QString& stage,
                            const QStringList& labels) {
  QDir().mkpath(folder_);
  // The model's description (what an export to a Hugging Face folder reads back), then where
  // the checkpoint comes from.
  SafetensorsMetadata metadata = checkpointDescription(config_, model.head(), labels);
  metadata.insert(origin(seed, stage));
  metadata.insert(QStringLiteral("experiment"), spec_.name);
  if (pretrained_) {
    metadata.insert(QStringLiteral("model_type"), pretrained_->config.modelType);
    metadata.insert(QStringLiteral("tokenizer_folder"), pretrained_->folder);
    if (!pretrained_->commit.isEmpty())
      metadata.insert(QStringLiteral("hub_commit"), pretrained_->commit);
  } else if (const auto* sp = dynamic_cast<const SentencePieceTokenizer*>(&tokenizer_)) {
    metadata.insert(QStringLiteral("tokenizer_model"), sp->modelPath());
  }
  saveSafetensors(path(seed, stage), model.state(), metadata);
}

// What ties a checkpoint to the one place it may be loaded back: this store, this experiment
// (and the exact experiment file it was started from), this stage and seed, this tokenizer.
SafetensorsMetadata StageCheckpoints::origin(int seed, const QString& stage) const {
  SafetensorsMetadata origin;
  origin.insert(QStringLiteral("store_id"), store_.storeId());
  origin.insert(QStringLiteral("experiment_id"), QString::number(ledger_.experimentId()));
  origin.insert(QStringLiteral("config_hash"), configHash_);
  origin.insert(QStringLiteral("stage"), stage);
  origin.insert(QStringLiteral("seed"), QString::number(seed));
  if (!tokenizerHash_.isEmpty()) origin.insert(QStringLiteral("tokenizer_sha256"), tokenizerHash_);
  return origin;
}

bool StageCheckpoints::load(TaskModelImpl& model, int seed, const QString& stage) {
  if (!reloadable(seed, stage)) return false;
  const QString file = path(seed, stage);
  SafetensorsMetadata metadata;
  StateDict state = loadSafetensors(file, &metadata);
  const SafetensorsMetadata expected = origin(seed, stage);
  QStringList differ;
  for (auto it = expected.cbegin(); it != expected.cend(); ++it)
    if (metadata.value(it.key()) != it.value()) differ << it.key();
  if (!differ.isEmpty())
    throw RunError(QStringLiteral("checkpoint %1 does not belong here: its header does not match "
                                  "this resume in %2 (it was written for store %3, experiment "
                                  "%4); nothing was loaded (delete the file to train the %5 "
                                  "stage again)")
                       .arg(file, differ.join(QStringLiteral(", ")),
                            metadata.value(QStringLiteral("store_id"), QStringLiteral("?")),
                            metadata.value(QStringLiteral("experiment_id"), QStringLiteral("?")),
                            stage)
                       .toStdString());
  for (auto& [name, tensor] : state) tensor = tensor.to(device_);
  model.loadState(state);
  state_.log(QStringLiteral("seed %1: %2 stage loaded from its checkpoint").arg(seed).arg(stage));
  return true;
}

}  // namespace twb

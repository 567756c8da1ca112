#include "experiment/Engine.h"

#include <QFileInfo>

#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "experiment/ContaminationRecords.h"
#include "experiment/Device.h"
#include "experiment/Pipeline.h"
#include "experiment/Plan.h"
#include "experiment/PretrainedModel.h"
#include "experiment/RunTokenizer.h"
#include "family/EncoderConfig.h"
#include "store/RunStore.h"
#include "store/StoreFile.h"
#include "text/HfTokenizer.h"

namespace twb {

namespace {

// Refuses, before any work, a resume of an experiment the store does not have or that was run
// from another experiment file.
void checkResumable(const QString& dbPath, qint64 experimentId, const ExperimentSpec& spec) {
  if (!QFileInfo::exists(dbPath))
    throw InputError(dbPath, 0, 0, QStringLiteral("--resume: there is no run store here"));
  const RunStore store(dbPath);
  const auto stored = store.experiment(experimentId);
  if (!stored)
    throw InputError(QStringLiteral("--resume: there is no experiment %1 in %2 (see twb runs)")
                         .arg(experimentId)
                         .arg(dbPath));
  if (stored->yamlText != spec.yamlText)
    throw InputError(spec.sourcePath, 0, 0,
                     QStringLiteral("experiment %1 was run from a different version of this "
                                    "file; resume needs the same experiment")
                         .arg(experimentId));
}

}  // namespace

ExperimentOutcome Engine::run(const ExperimentSpec& spec, const RunOptions& options,
                              TaskState& state) {
  // Everything that can reject the input happens before the store is opened for writing; a
  // store path that is not a run store is refused before anything is created beside it.
  const QString dbPath = options.dbPath.isEmpty() ? RunStore::defaultPath() : options.dbPath;
  inspectStoreFile(dbPath);
  const QFileInfo storeFolder(QFileInfo(dbPath).absolutePath());
  if (storeFolder.exists() && !storeFolder.isWritable())
    throw InputError(dbPath, 0, 0,
                     QStringLiteral("the folder %1 is read-only: the run store, its checkpoints "
                                    "and tokenizers are written there")
                         .arg(storeFolder.filePath()));
  if (options.resumeExperimentId > 0) checkResumable(dbPath, options.resumeExperimentId, spec);
  const int threads = options.threads > 0 ? options.threads : spec.train.threads;
  const DeviceChoice device = chooseDevice(options.device, threads, spec.train.precision);
  const ExperimentPlan plan = planExperiment(spec, options.dataDir, state);
  for (const QString& warning : plan.warnings) state.log(QStringLiteral("warning: ") + warning);
  // The larger of the two batches, by the key that sets it.
  const bool pretrainBatch =
      spec.pretrain.enabled() && pretrainBatchSize(spec) > spec.train.batchSize;
  const int batchSize = pretrainBatch ? pretrainBatchSize(spec) : spec.train.batchSize;
  const QString batchKey =
      pretrainBatch ? QStringLiteral("pretrain.batch_size") : QStringLiteral("train.batch_size");
  if (!spec.model.pretrained())  // a bad or impossibly large model is rejected early
    checkTrainingFits(EncoderConfig::fromSpec(spec.model, spec.model.vocabSize, 0), batchSize,
                      spec.train.maxLen, spec.sourcePath, 0, batchKey);

  const QString storeDir = QFileInfo(dbPath).absolutePath();
  const QString cacheDir = storeDir + QStringLiteral("/tokenizers");
  // Stop asked for while datasets were fetched or before the tokenizer trains: nothing is
  // stored yet, so there is nothing to keep.
  ExperimentOutcome stopped;
  stopped.status = vocab::name(vocab::RunStatus::Interrupted);
  stopped.device = device.description;
  if (state.isCancelled()) return stopped;
  std::optional<PretrainedModel> pretrained;
  try {
    const QString pinned =
        options.resumeExperimentId > 0
            ? recordedHubCommit(RunStore(dbPath).checkpointFolder(options.resumeExperimentId))
            : QString();
    pretrained = resolvePretrained(spec, state, pinned);
  } catch (const Cancelled&) {
    return stopped;  // a partial download is kept for the next run to resume
  }
  if (pretrained && state.isCancelled()) return stopped;
  if (pretrained)
    checkTrainingFits(pretrained->config.encoder, batchSize, spec.train.maxLen,
                      pretrained->folder + QStringLiteral("/config.json"), 0, batchKey);
  const int maxTokens =
      pretrained ? pretrained->config.encoder.maxTokens()
                 : EncoderConfig::fromSpec(spec.model, spec.model.vocabSize, 0).maxTokens();
  if (spec.train.maxLen > maxTokens)
    throw InputError(spec.sourcePath, 0, 0,
                     QStringLiteral("train.max_len: %1 tokens is more than the model's %2 "
                                    "positions allow")
                         .arg(spec.train.maxLen)
                         .arg(maxTokens));
  // A checkpoint brings its own tokenizer; a model from scratch gets one trained on the run's
  // text.
  const std::unique_ptr<Tokenizer> tokenizer =
      pretrained ? loadHfTokenizer(pretrained->folder, pretrained->config.modelType)
                 : std::unique_ptr<Tokenizer>(runTokenizer(spec, plan, cacheDir, state));
  if (state.isCancelled()) return stopped;
  RunStore store(dbPath);
  state.log(QStringLiteral("device: %1").arg(device.description));
  Pipeline pipeline(spec, plan, *tokenizer, store, state, device.device,
                    pretrained ? &*pretrained : nullptr);
  ExperimentOutcome outcome = pipeline.run(options.resumeExperimentId);
  // What the contamination check found before training, kept beside the results it concerns.
  if (outcome.experimentId > 0) storeContamination(store, outcome.experimentId, plan.contamination);
  outcome.device = device.description;
  outcome.warnings = plan.warnings;
  return outcome;
}

QString Engine::describeDevice(const QString& device, int threads) {
  return chooseDevice(device, threads).description;
}

QString Engine::torchVersion() {
  return QStringLiteral("%1.%2.%3")
      .arg(TORCH_VERSION_MAJOR)
      .arg(TORCH_VERSION_MINOR)
      .arg(TORCH_VERSION_PATCH);
}

}  // namespace twb

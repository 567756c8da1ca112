#include "experiment/Pipeline.h"

#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "experiment/Encoding.h"
#include "experiment/StageOptions.h"
#include "experiment/StoredGains.h"
#include "experiment/TargetScores.h"
#include "models/HfCheckpoint.h"
#include "store/ResolvedSettings.h"
#include "train/LanguageSampling.h"
#include "train/MaskedLM.h"

namespace twb {
namespace {

const QString kBaseline = vocab::name(vocab::Arm::Baseline);
const QString kTransfer = vocab::name(vocab::Arm::Transfer);
const QString kPretrain = vocab::name(vocab::Stage::Pretrain);
const QString kIntermediate = vocab::name(vocab::Stage::Intermediate);

}  // namespace

Pipeline::Pipeline(const ExperimentSpec& spec, const ExperimentPlan& plan,
                   const Tokenizer& tokenizer, RunStore& store, TaskState& state,
                   torch::Device device, const PretrainedModel* pretrained)
    : spec_(spec),
      plan_(plan),
      tokenizer_(tokenizer),
      store_(store),
      state_(state),
      device_(device),
      pretrained_(pretrained),
      ledger_(store, plan, spec.protocol.seeds,
              plan.intermediate ? QStringList{kBaseline, kTransfer} : QStringList{kBaseline},
              spec.sourcePath),
      checkpoints_(store, ledger_, spec, config_, tokenizer, pretrained, state, device) {
  if (pretrained_) {
    config_ = pretrained_->config.encoder;
    if (spec.model.dropoutGiven) config_.dropout = spec.model.dropout;
    if (tokenizer.vocabSize() > config_.vocabSize)
      throw InputError(pretrained_->folder, 0, 0,
                       QStringLiteral("the tokenizer has %1 ids but config.json's vocab_size is %2")
                           .arg(tokenizer.vocabSize())
                           .arg(config_.vocabSize));
    QStringList notes;
    pretrainedEncoder_ = importHfEncoder(pretrained_->folder, pretrained_->config, &notes);
    for (const QString& note : notes) state_.log(QStringLiteral("model: ") + note);
    // Continued pretraining starts every seed from the checkpoint's own masked-LM head when it
    // has one: read once here, not per seed.
    if (spec.pretrain.enabled() && pretrained_->config.head == HfHead::MaskedLM)
      pretrainedMlm_ = importHfModel(pretrained_->folder).model->state();
  } else {
    config_ = EncoderConfig::fromSpec(spec.model, tokenizer.vocabSize(), tokenizer.specials().pad);
  }
  batches_.arch = config_.arch;
  batches_.specials = tokenizer.specials();
  batches_.device = device;
  batches_.precision = resolvePrecision(spec.train.precision, device);
  bucketing_ = spec.train.bucketing;
}

TrainerOptions Pipeline::stageOptions(int epochs, int seed) const {
  TrainerOptions o = trainerOptions(spec_, epochs, seed);
  o.bucketing = bucketing_;
  return o;
}

void Pipeline::resolveSettings(qint64 experimentId) {
  if (resuming_) {
    const ResolvedSettings stored = resolvedSettings(*store_.experiment(experimentId));
    batches_.precision =
        stored.precision == precisionName(Precision::Bf16) ? Precision::Bf16 : Precision::Fp32;
    bucketing_ = stored.bucketing;
    state_.log(QStringLiteral("resuming with the settings experiment %1 started with: %2")
                   .arg(experimentId)
                   .arg(describeResolvedSettings(stored)));
    return;
  }
  ResolvedSettings resolved;
  resolved.precision = precisionName(batches_.precision);
  resolved.bucketing = bucketing_;
  resolved.recorded = true;
  resolved.cpuFastBf16 = cpuHasFastBf16();
  store_.setExperimentResolved(experimentId, resolved);
  state_.log(QStringLiteral("precision: %1 (train.precision: %2)")
                 .arg(precisionName(batches_.precision), spec_.train.precision));
}

ExperimentOutcome Pipeline::run(qint64 resumeId) {
  ExperimentOutcome outcome;
  resuming_ = resumeId > 0;
  if (resuming_) {
    store_.resumeExperiment(resumeId);  // what a dead process left running reads interrupted
    ledger_.adopt(resumeId);
  } else {
    qint64 experimentId = 0;
    try {
      experimentId = store_.addExperiment(spec_.name, spec_.yamlText);
    } catch (const StoreLocked&) {
      throw StoreLocked(QStringLiteral("run store %1: another program holds its write lock, so "
                                       "the experiment could not even be recorded; nothing was "
                                       "stored: run it again once the lock is released")
                            .arg(store_.path())
                            .toStdString());
    }
    ledger_.create(experimentId);
  }
  const qint64 experimentId = ledger_.experimentId();
  outcome.experimentId = experimentId;
  resolveSettings(experimentId);
  checkpoints_.open(!resuming_);
  totals_.total = plannedSteps();
  totals_.clock.start();
  try {
    for (int seed : spec_.protocol.seeds) runSeed(seed);
    outcome.status = vocab::name(vocab::RunStatus::Finished);
  } catch (const Cancelled&) {
    outcome.status = vocab::name(vocab::RunStatus::Interrupted);
    state_.log(QStringLiteral("interrupted: every point stored so far is kept; resume with "
                              "twb run --resume %1")
                   .arg(experimentId));
  } catch (const StoreLocked&) {
    throw;  // nothing more can be written: what was stored stays, the experiment is resumable
  } catch (const std::exception& e) {
    outcome.status = vocab::name(vocab::RunStatus::Failed);
    outcome.error = QString::fromUtf8(e.what());
  }
  ledger_.close(outcome);
  store_.setExperimentStatus(experimentId, outcome.status);
  // Gains are read back from the store, the one definition `twb show`, the window and the
  // exports use too, so they include the per-example predictions just written.
  outcome.gains = gainsFromStore(store_, experimentId);
  return outcome;
}

qint64 Pipeline::stageSteps(const PlannedTask& task, int seed) const {
  if (task.retrieval()) return 0;  // nothing is trained: the encoder is evaluated as it is
  return twb::plannedSteps(task.splits.at(seed).train.size(), stageOptions(task.epochs, seed));
}

qint64 Pipeline::plannedSteps() const {
  qint64 total = 0;
  for (int seed : spec_.protocol.seeds) {
    bool seedDone = true;
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : ledger_.arms()) {
        if (ledger_.finished(ledger_.runId(t.name, arm, seed))) continue;
        seedDone = false;
        total += stageSteps(t, seed);
      }
    if (seedDone) continue;
    // On resume, stages that load from their checkpoints cost no steps.
    auto reloads = [&](const QString& stage) {
      return resuming_ && checkpoints_.reloadable(seed, stage);
    };
    if (spec_.pretrain.enabled() && !reloads(kPretrain)) total += spec_.pretrain.steps;
    if (plan_.intermediate && !reloads(kIntermediate))
      total += stageSteps(*plan_.intermediate, seed);
  }
  return total;
}

EncodedTask Pipeline::encode(const PlannedTask& task, int seed) const {
  return encodeTask(task, seed, tokenizer_, config_.arch, spec_.train.maxLen);
}

TaskModel Pipeline::newModel(const PlannedTask& task, int seed) const {
  torch::manual_seed(seed);  // both arms start their head from the same weights
  TaskModel model(config_, task.regression() ? HeadKind::Regression : HeadKind::Classification,
                  task.regression() ? 1 : static_cast<int>(task.data.labels.size()));
  model->to(device_);
  return model;
}

void Pipeline::runSeed(int seed) {
  if (!ledger_.seedPending(seed)) return;  // resumed: every run of this seed is done
  const StateDict pretrained = pretrainStage(seed);
  const StateDict intermediate =
      plan_.intermediate ? intermediateStage(seed, pretrained) : StateDict{};
  for (const PlannedTask& target : plan_.targets) {
    const EncodedTask data = encode(target, seed);
    for (const QString& arm : ledger_.arms())
      if (!ledger_.finished(ledger_.runId(target.name, arm, seed)))
        runTarget(data, arm, seed, arm == kBaseline ? pretrained : intermediate);
  }
}

TaskModel Pipeline::pretrainingModel(int seed) {
  torch::manual_seed(seed);
  TaskModel mlm(config_, HeadKind::MaskedLM);
  if (pretrained_) {
    if (!pretrainedMlm_.empty()) {
      mlm->loadState(pretrainedMlm_);
    } else {
      mlm->loadEncoderState(pretrainedEncoder_);
      state_.log(
          QStringLiteral("model: the checkpoint has no masked-LM head; continued "
                         "pretraining starts one from scratch"));
    }
  }
  mlm->to(device_);
  return mlm;
}

StateDict Pipeline::pretrainStage(int seed) {
  const QString& stage = kPretrain;
  if (pretrained_ && !spec_.pretrain.enabled()) {
    StateDict state;
    for (const auto& [key, tensor] : pretrainedEncoder_) state.emplace(key, tensor.to(device_));
    return state;
  }
  TaskModel mlm = pretrainingModel(seed);
  if (!spec_.pretrain.enabled()) return mlm->encoderState();  // seeded random initialisation
  if (resuming_ && checkpoints_.load(*mlm, seed, stage))
    return withCheckpointPooler(mlm->encoderState());
  StageInfo info = ledger_.openStage(0, seed, stage);
  StoreReporter reporter(store_, state_, totals_, info);
  // Windows grouped by language (in a fixed order), so batches can sample languages with
  // exponent-smoothed shares. Text without a language counts as the pivot's (English).
  std::map<QString, std::vector<Dataset>> byLanguage;
  for (const Dataset& d : plan_.pretrainText)
    byLanguage[d.language.isEmpty() ? QStringLiteral("en") : d.language].push_back(d);
  std::vector<EncodedExample> text;
  std::vector<size_t> groupSizes;
  for (const auto& [language, datasets] : byLanguage) {
    auto windows = encodePretrainText(datasets, tokenizer_, config_.arch, spec_.train.maxLen);
    if (windows.empty()) continue;
    groupSizes.push_back(windows.size());
    std::move(windows.begin(), windows.end(), std::back_inserter(text));
  }
  reporter.log(QStringLiteral("seed %1: pretraining on %2 text windows in %3 language(s)")
                   .arg(seed)
                   .arg(text.size())
                   .arg(groupSizes.size()));
  pretrainMaskedLM(mlm, text, batches_, pretrainOptions(spec_, seed), reporter,
                   pretrainDrawOrder(groupSizes, seed));
  reporter.flush();
  ledger_.finishStage(info.stageId);
  checkpoints_.save(*mlm, seed, stage);
  return withCheckpointPooler(mlm->encoderState());
}

StateDict Pipeline::withCheckpointPooler(StateDict state) const {
  // A masked-LM model has no pooler: BERT's sequence heads keep the checkpoint's.
  for (const auto& [key, tensor] : pretrainedEncoder_)
    if (!state.count(key)) state.emplace(key, tensor.to(device_));
  return state;
}

std::vector<size_t> Pipeline::pretrainDrawOrder(const std::vector<size_t>& groupSizes,
                                                int seed) const {
  if (groupSizes.size() < 2) return {};  // one language: plain shuffled epochs
  const PretrainOptions o = pretrainOptions(spec_, seed);
  return sampleByLanguage(groupSizes,
                          smoothedLanguageProbabilities(groupSizes, spec_.pretrain.alpha),
                          static_cast<size_t>(o.steps) * o.batchSize, o.seed);
}

StateDict Pipeline::intermediateStage(int seed, const StateDict& pretrained) {
  const QString& stage = kIntermediate;
  TaskModel model = newModel(*plan_.intermediate, seed);
  if (resuming_ && checkpoints_.load(*model, seed, stage)) return model->encoderState();
  const EncodedTask data = encode(*plan_.intermediate, seed);
  StageInfo info = ledger_.openStage(0, seed, stage);
  model->loadEncoderState(pretrained);
  trainStage(model, data, info, seed);
  ledger_.finishStage(info.stageId);
  checkpoints_.save(*model, seed, stage, plan_.intermediate->data.labels);
  return model->encoderState();
}

FitOutcome Pipeline::trainStage(TaskModel& model, const EncodedTask& data, const StageInfo& info,
                                int seed) {
  BatchMaker batches = batches_;
  batches.regression = data.task->regression();
  StoreReporter reporter(store_, state_, totals_, info);
  const FitOutcome fitted =
      fit(model, data.train, data.dev, batches, stageOptions(data.task->epochs, seed), reporter);
  reporter.flush();  // here, not in the destructor, so a failed write fails the stage
  return fitted;
}

void Pipeline::runTarget(const EncodedTask& data, const QString& arm, int seed,
                         const StateDict& start) {
  const qint64 runId = ledger_.runId(data.task->name, arm, seed);
  ledger_.startRun(runId);
  if (data.task->retrieval()) {
    TaskModel embedder(config_, HeadKind::Embedding);
    embedder->to(device_);
    embedder->loadEncoderState(start);
    storeRetrievalScores(store_, runId, embedder, data, batches_, spec_.train.batchSize);
    ledger_.finishRun(runId);
    return;
  }
  const StageInfo info =
      ledger_.openStage(runId, seed, vocab::name(vocab::Stage::Target), arm, data.task->name);
  TaskModel model = newModel(*data.task, seed);
  model->loadEncoderState(start);
  const FitOutcome fitted = trainStage(model, data, info, seed);
  ledger_.finishStage(info.stageId);
  BatchMaker batches = batches_;
  batches.regression = data.task->regression();
  storeTargetScores(store_, runId, model, data, seed, batches, spec_.train.batchSize, fitted);
  ledger_.finishRun(runId);
}

}  // namespace twb

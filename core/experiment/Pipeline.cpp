#include "experiment/Pipeline.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include "common/Files.h"
#include "common/InputError.h"
#include "experiment/CheckpointMetadata.h"
#include "experiment/Encoding.h"
#include "experiment/StoredGains.h"
#include "experiment/TestPredictions.h"
#include "models/HfCheckpoint.h"
#include "models/Safetensors.h"
#include "text/SentencePieceTokenizer.h"
#include "train/LanguageSampling.h"
#include "train/MaskedLM.h"
#include "train/Retrieval.h"

namespace twb {
namespace {

const QString kBaseline = QStringLiteral("baseline");
const QString kTransfer = QStringLiteral("transfer");
const QString kFinished = QStringLiteral("finished");

TrainerOptions trainerOptions(const ExperimentSpec& spec, int epochs, int seed) {
  TrainerOptions o;
  o.lr = spec.train.lr;
  o.batchSize = spec.train.batchSize;
  o.epochs = epochs;
  o.maxSteps = spec.train.maxSteps;
  o.warmup = spec.train.warmup;
  o.weightDecay = spec.train.weightDecay;
  o.clipNorm = spec.train.clipNorm;
  o.evalEvery = spec.train.evalEvery;
  o.patience = spec.train.earlyStopping;
  o.seed = static_cast<uint64_t>(seed);
  return o;
}

PretrainOptions pretrainOptions(const ExperimentSpec& spec, int seed) {
  PretrainOptions o;
  o.steps = spec.pretrain.steps;
  o.batchSize = spec.pretrain.batchSize > 0 ? spec.pretrain.batchSize : spec.train.batchSize;
  o.lr = spec.pretrain.lr > 0 ? spec.pretrain.lr : 5e-4;
  o.clipNorm = spec.train.clipNorm;
  o.seed = static_cast<uint64_t>(seed);
  return o;
}

std::vector<EncodedExample> encodeTexts(const QStringList& texts, const Tokenizer& tokenizer,
                                        const QString& arch, int maxLen) {
  QVector<Example> examples;
  for (const QString& text : texts) examples.push_back({text, {}, -1, NAN});
  return encodeExamples(examples, tokenizer, arch, maxLen);
}

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
      pretrained_(pretrained) {
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
}

ExperimentOutcome Pipeline::run(qint64 resumeId) {
  ExperimentOutcome outcome;
  resuming_ = resumeId > 0;
  if (resuming_) {
    experimentId_ = resumeId;
    store_.resumeExperiment(resumeId);  // what a dead process left running reads interrupted
    adoptRuns(resumeId);
  } else {
    try {
      experimentId_ = store_.addExperiment(spec_.name, spec_.yamlText);
    } catch (const StoreLocked&) {
      throw StoreLocked(QStringLiteral("run store %1: another program holds its write lock, so "
                                       "the experiment could not even be recorded; nothing was "
                                       "stored: run it again once the lock is released")
                            .arg(store_.path())
                            .toStdString());
    }
    createRuns(experimentId_);
  }
  outcome.experimentId = experimentId_;
  checkpointDir_ = store_.checkpointFolder(experimentId_);
  // Ids restart in a re-created store: a new experiment must not resume from an old one's files.
  if (!resuming_) QDir(checkpointDir_).removeRecursively();
  totals_.total = plannedSteps();
  totals_.clock.start();
  try {
    for (int seed : spec_.protocol.seeds) runSeed(seed);
    outcome.status = kFinished;
  } catch (const Cancelled&) {
    outcome.status = QStringLiteral("interrupted");
    state_.log(QStringLiteral("interrupted: every point stored so far is kept; resume with "
                              "twb run --resume %1")
                   .arg(experimentId_));
  } catch (const StoreLocked&) {
    throw;  // nothing more can be written: what was stored stays, the experiment is resumable
  } catch (const std::exception& e) {
    outcome.status = QStringLiteral("failed");
    outcome.error = QString::fromUtf8(e.what());
  }
  closeOpenRuns(outcome);
  store_.setExperimentStatus(experimentId_, outcome.status);
  // Gains are read back from the store, the one definition `twb show`, the window and the
  // exports use too, so they include the per-example predictions just written.
  outcome.gains = gainsFromStore(store_, experimentId_);
  return outcome;
}

QStringList Pipeline::arms() const {
  return plan_.intermediate ? QStringList{kBaseline, kTransfer} : QStringList{kBaseline};
}

qint64 Pipeline::stageSteps(const PlannedTask& task, int seed) const {
  if (task.retrieval()) return 0;  // nothing is trained: the encoder is evaluated as it is
  return twb::plannedSteps(task.splits.at(seed).train.size(),
                           trainerOptions(spec_, task.epochs, seed));
}

qint64 Pipeline::plannedSteps() const {
  qint64 total = 0;
  for (int seed : spec_.protocol.seeds) {
    bool seedDone = true;
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : arms()) {
        if (finished_.count(runIds_.at({t.name, arm, seed}))) continue;
        seedDone = false;
        total += stageSteps(t, seed);
      }
    if (seedDone) continue;
    // On resume, stages that load from their checkpoints cost no steps.
    auto reloads = [&](const char* stage) {
      return resuming_ && QFileInfo::exists(checkpointPath(seed, QString::fromLatin1(stage))) &&
             stageRecordedFinished(seed, QString::fromLatin1(stage));
    };
    if (spec_.pretrain.enabled() && !reloads("pretrain")) total += spec_.pretrain.steps;
    if (plan_.intermediate && !reloads("intermediate"))
      total += stageSteps(*plan_.intermediate, seed);
  }
  return total;
}

void Pipeline::createRuns(qint64 experimentId) {
  for (int seed : spec_.protocol.seeds)
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : arms())
        runIds_[{t.name, arm, seed}] = store_.addRun(experimentId, arm, t.name, seed);
}

void Pipeline::adoptRuns(qint64 experimentId) {
  for (const RunRecord& r : store_.runs(experimentId)) {
    runIds_[{r.target, r.arm, r.seed}] = r.id;
    if (r.status == kFinished) finished_.insert(r.id);
  }
  for (int seed : spec_.protocol.seeds)
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : arms())
        if (!runIds_.count({t.name, arm, seed}))
          throw InputError(spec_.sourcePath, 0, 0,
                           QStringLiteral("experiment %1 has no run %2/%3/seed %4 to resume: it "
                                          "was run from a different experiment file")
                               .arg(experimentId)
                               .arg(t.name, arm)
                               .arg(seed));
}

Pipeline::EncodedTask Pipeline::encode(const PlannedTask& task, int seed) const {
  const int len = spec_.train.maxLen;
  const QString& arch = config_.arch;
  EncodedTask out;
  out.task = &task;
  if (task.retrieval()) {
    QStringList pivot, translations;
    for (const auto& [english, text] : task.pairs) {
      pivot << english;
      translations << text;
    }
    out.pivot = encodeTexts(pivot, tokenizer_, arch, len);
    out.translations = encodeTexts(translations, tokenizer_, arch, len);
    return out;
  }
  const Split& s = task.splits.at(seed);
  out.train = encodeExamples(s.train, tokenizer_, arch, len);
  out.dev = encodeExamples(s.dev, tokenizer_, arch, len);
  out.test = encodeExamples(task.testSplit(seed).test, tokenizer_, arch, len);
  if (task.zeroShot()) out.sourceTest = encodeExamples(s.test, tokenizer_, arch, len);
  return out;
}

TaskModel Pipeline::newModel(const PlannedTask& task, int seed) const {
  torch::manual_seed(seed);  // both arms start their head from the same weights
  TaskModel model(config_, task.regression() ? HeadKind::Regression : HeadKind::Classification,
                  task.regression() ? 1 : static_cast<int>(task.data.labels.size()));
  model->to(device_);
  return model;
}

StageInfo Pipeline::openStage(qint64 runId, int seed, const QString& stage, const QString& arm,
                              const QString& target) {
  StageInfo info{stage, arm, target, seed, 0};
  info.stageId = store_.addStage(experimentId_, runId, seed, stage);
  store_.setStageStatus(info.stageId, QStringLiteral("running"));
  openStages_.insert(info.stageId);
  return info;
}

void Pipeline::finishStage(qint64 stageId) {
  store_.setStageStatus(stageId, kFinished);
  openStages_.erase(stageId);
}

void Pipeline::runSeed(int seed) {
  bool pending = false;
  for (const auto& [key, runId] : runIds_) pending |= key.seed == seed && !finished_.count(runId);
  if (!pending) return;  // resumed: every run of this seed is done
  const StateDict pretrained = pretrainStage(seed);
  const StateDict intermediate =
      plan_.intermediate ? intermediateStage(seed, pretrained) : StateDict{};
  for (const PlannedTask& target : plan_.targets) {
    const EncodedTask data = encode(target, seed);
    for (const QString& arm : arms())
      if (!finished_.count(runIds_.at({target.name, arm, seed})))
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
  const QString stage = QStringLiteral("pretrain");
  if (pretrained_ && !spec_.pretrain.enabled()) {
    StateDict state;
    for (const auto& [key, tensor] : pretrainedEncoder_) state.emplace(key, tensor.to(device_));
    return state;
  }
  TaskModel mlm = pretrainingModel(seed);
  if (!spec_.pretrain.enabled()) return mlm->encoderState();  // seeded random initialisation
  if (resuming_ && loadCheckpoint(*mlm, seed, stage))
    return withCheckpointPooler(mlm->encoderState());
  StageInfo info = openStage(0, seed, stage);
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
  finishStage(info.stageId);
  saveCheckpoint(*mlm, seed, stage);
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
  const QString stage = QStringLiteral("intermediate");
  TaskModel model = newModel(*plan_.intermediate, seed);
  if (resuming_ && loadCheckpoint(*model, seed, stage)) return model->encoderState();
  const EncodedTask data = encode(*plan_.intermediate, seed);
  StageInfo info = openStage(0, seed, stage);
  model->loadEncoderState(pretrained);
  trainStage(model, data, info, seed);
  finishStage(info.stageId);
  saveCheckpoint(*model, seed, stage, &*plan_.intermediate);
  return model->encoderState();
}

FitOutcome Pipeline::trainStage(TaskModel& model, const EncodedTask& data, const StageInfo& info,
                                int seed) {
  BatchMaker batches = batches_;
  batches.regression = data.task->regression();
  StoreReporter reporter(store_, state_, totals_, info);
  const FitOutcome fitted = fit(model, data.train, data.dev, batches,
                                trainerOptions(spec_, data.task->epochs, seed), reporter);
  reporter.flush();  // here, not in the destructor, so a failed write fails the stage
  return fitted;
}

void Pipeline::runTarget(const EncodedTask& data, const QString& arm, int seed,
                         const StateDict& start) {
  const qint64 runId = runIds_.at({data.task->name, arm, seed});
  current_ = runId;
  store_.setRunStatus(runId, QStringLiteral("running"));
  if (data.task->retrieval()) {
    runRetrieval(data, runId, start);
    store_.setRunStatus(runId, kFinished);
    finished_.insert(runId);
    current_ = 0;
    return;
  }
  const StageInfo info = openStage(runId, seed, QStringLiteral("target"), arm, data.task->name);
  TaskModel model = newModel(*data.task, seed);
  model->loadEncoderState(start);
  const FitOutcome fitted = trainStage(model, data, info, seed);
  finishStage(info.stageId);

  BatchMaker batches = batches_;
  batches.regression = data.task->regression();
  const Evaluation test = evaluate(model, data.test, batches, spec_.train.batchSize);
  const QVector<Example>& testExamples = data.task->testSplit(seed).test;
  store_.addPredictions(predictionRecords(runId, QStringLiteral("test"), testExamples, test.gold,
                                          test.predicted, test.probability));
  store_.addResult({runId, QStringLiteral("test"), QStringLiteral("loss"), test.loss});
  for (const auto& [metric, value] : test.scores)
    store_.addResult({runId, QStringLiteral("test"), metric, value});
  store_.addResult(
      {runId, QStringLiteral("dev"), QStringLiteral("best_") + test.primaryName, fitted.bestDev});
  store_.addResult(
      {runId, QStringLiteral("train"), QStringLiteral("steps"), static_cast<double>(fitted.steps)});
  if (data.task->zeroShot()) {
    // The English score too: the cross-lingual transfer gap is English minus the language.
    const Evaluation source = evaluate(model, data.sourceTest, batches, spec_.train.batchSize);
    store_.addPredictions(predictionRecords(runId, QStringLiteral("source_test"),
                                            data.task->splits.at(seed).test, source.gold,
                                            source.predicted, source.probability));
    for (const auto& [metric, value] : source.scores)
      store_.addResult({runId, QStringLiteral("source_test"), metric, value});
  }
  store_.setRunStatus(runId, kFinished);
  finished_.insert(runId);
  current_ = 0;
}

void Pipeline::runRetrieval(const EncodedTask& data, qint64 runId, const StateDict& start) {
  TaskModel model(config_, HeadKind::Embedding);
  model->to(device_);
  model->loadEncoderState(start);
  const RetrievalScores scores =
      evaluateRetrieval(model, data.pivot, data.translations, batches_, spec_.train.batchSize);
  store_.addPredictions(retrievalRecords(runId, data.task->pairs, scores.pivotToTargetBest,
                                         scores.targetToPivotBest));
  store_.addResult({runId, QStringLiteral("test"), QStringLiteral("retrieval"), scores.mean()});
  store_.addResult(
      {runId, QStringLiteral("test"), QStringLiteral("retrieval_en_to_x"), scores.pivotToTarget});
  store_.addResult(
      {runId, QStringLiteral("test"), QStringLiteral("retrieval_x_to_en"), scores.targetToPivot});
  store_.addResult({runId, QStringLiteral("test"), QStringLiteral("items"),
                    static_cast<double>(data.pivot.size())});
}

QString Pipeline::checkpointPath(int seed, const QString& stage) const {
  return QStringLiteral("%1/seed%2-%3.safetensors").arg(checkpointDir_).arg(seed).arg(stage);
}

void Pipeline::saveCheckpoint(const TaskModelImpl& model, int seed, const QString& stage,
                              const PlannedTask* task) {
  QDir().mkpath(checkpointDir_);
  // The model's description (what an export to a Hugging Face folder reads back), then where
  // the checkpoint comes from.
  SafetensorsMetadata metadata =
      checkpointDescription(config_, model.head(), task ? task->data.labels : QStringList{});
  metadata.insert(checkpointOrigin(seed, stage));
  metadata.insert(QStringLiteral("experiment"), spec_.name);
  if (pretrained_) {
    metadata.insert(QStringLiteral("model_type"), pretrained_->config.modelType);
    metadata.insert(QStringLiteral("tokenizer_folder"), pretrained_->folder);
    if (!pretrained_->commit.isEmpty())
      metadata.insert(QStringLiteral("hub_commit"), pretrained_->commit);
  } else if (const auto* sp = dynamic_cast<const SentencePieceTokenizer*>(&tokenizer_)) {
    metadata.insert(QStringLiteral("tokenizer_model"), sp->modelPath());
  }
  saveSafetensors(checkpointPath(seed, stage), model.state(), metadata);
}

// What ties a checkpoint to the one place it may be loaded back: this store, this experiment
// (and the exact experiment file it was started from), this stage and seed, this tokenizer.
SafetensorsMetadata Pipeline::checkpointOrigin(int seed, const QString& stage) const {
  SafetensorsMetadata origin;
  origin.insert(QStringLiteral("store_id"), store_.storeId());
  origin.insert(QStringLiteral("experiment_id"), QString::number(experimentId_));
  origin.insert(
      QStringLiteral("config_hash"),
      QString::fromLatin1(
          QCryptographicHash::hash(spec_.yamlText.toUtf8(), QCryptographicHash::Sha256).toHex()));
  origin.insert(QStringLiteral("stage"), stage);
  origin.insert(QStringLiteral("seed"), QString::number(seed));
  if (const auto* sp = dynamic_cast<const SentencePieceTokenizer*>(&tokenizer_))
    origin.insert(QStringLiteral("tokenizer_sha256"), sha256OfFile(sp->modelPath()));
  return origin;
}

bool Pipeline::stageRecordedFinished(int seed, const QString& stage) const {
  for (const StageRecord& s : store_.stages(experimentId_))
    if (s.runId == 0 && s.seed == seed && s.name == stage && s.status == kFinished) return true;
  return false;
}

bool Pipeline::loadCheckpoint(TaskModelImpl& model, int seed, const QString& stage) {
  const QString path = checkpointPath(seed, stage);
  // Only a stage the store saw finish has weights to load; a file without that record is not
  // this experiment's (and is trained again, not trusted).
  if (!QFileInfo::exists(path) || !stageRecordedFinished(seed, stage)) return false;
  SafetensorsMetadata metadata;
  StateDict state = loadSafetensors(path, &metadata);
  const SafetensorsMetadata expected = checkpointOrigin(seed, stage);
  QStringList differ;
  for (auto it = expected.cbegin(); it != expected.cend(); ++it)
    if (metadata.value(it.key()) != it.value()) differ << it.key();
  if (!differ.isEmpty())
    throw RunError(QStringLiteral("checkpoint %1 does not belong here: its header does not match "
                                  "this resume in %2 (it was written for store %3, experiment "
                                  "%4); "
                                  "nothing was loaded (delete the file to train the %5 stage "
                                  "again)")
                       .arg(path, differ.join(QStringLiteral(", ")),
                            metadata.value(QStringLiteral("store_id"), QStringLiteral("?")),
                            metadata.value(QStringLiteral("experiment_id"), QStringLiteral("?")),
                            stage)
                       .toStdString());
  for (auto& [name, tensor] : state) tensor = tensor.to(device_);
  model.loadState(state);
  state_.log(QStringLiteral("seed %1: %2 stage loaded from its checkpoint").arg(seed).arg(stage));
  return true;
}

void Pipeline::closeOpenRuns(const ExperimentOutcome& outcome) {
  for (qint64 stageId : openStages_) store_.setStageStatus(stageId, outcome.status);
  for (const auto& [key, runId] : runIds_) {
    if (finished_.count(runId)) continue;
    if (runId == current_ && outcome.status == QLatin1String("failed"))
      store_.setRunStatus(runId, QStringLiteral("failed"), outcome.error);
    else
      store_.setRunStatus(runId, QStringLiteral("interrupted"),
                          outcome.status == QLatin1String("failed")
                              ? QStringLiteral("not run: an earlier stage failed")
                              : QString());
  }
}

}  // namespace twb

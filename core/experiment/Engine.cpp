#include "experiment/Engine.h"

#include <QDir>
#include <QFileInfo>
#include <map>
#include <set>
#include <tuple>

#include "common/InputError.h"
#include "experiment/Device.h"
#include "experiment/Encoding.h"
#include "experiment/Plan.h"
#include "experiment/RunTokenizer.h"
#include "experiment/StoreReporter.h"
#include "models/Safetensors.h"
#include "models/TaskModel.h"
#include "store/RunStore.h"
#include "train/MaskedLM.h"
#include "train/Trainer.h"

namespace twb {
namespace {

const QString kBaseline = QStringLiteral("baseline");
const QString kTransfer = QStringLiteral("transfer");

struct EncodedTask {
  const PlannedTask* task = nullptr;
  std::vector<EncodedExample> train, dev, test;
};

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

// Everything one experiment's training loop needs, so the stages below stay short.
class Pipeline {
 public:
  Pipeline(const ExperimentSpec& spec, const ExperimentPlan& plan, const Tokenizer& tokenizer,
           RunStore& store, TaskState& state, torch::Device device, QString checkpointRoot)
      : spec_(spec),
        plan_(plan),
        tokenizer_(tokenizer),
        store_(store),
        state_(state),
        device_(device),
        checkpointRoot_(std::move(checkpointRoot)) {
    batches_.arch = spec.model.arch;
    batches_.specials = tokenizer.specials();
    batches_.device = device;
    config_ = EncoderConfig::fromSpec(spec.model, tokenizer.vocabSize(), tokenizer.specials().pad);
  }

  ExperimentOutcome run() {
    ExperimentOutcome outcome;
    outcome.experimentId = store_.addExperiment(spec_.name, spec_.yamlText);
    checkpointDir_ =
        QStringLiteral("%1/experiment-%2").arg(checkpointRoot_).arg(outcome.experimentId);
    for (int seed : spec_.protocol.seeds)
      for (const PlannedTask& t : plan_.targets)
        for (const QString& arm : arms())
          runIds_[{t.name, arm, seed}] = store_.addRun(outcome.experimentId, arm, t.name, seed);
    totals_.total = plannedSteps();
    totals_.clock.start();
    try {
      for (int seed : spec_.protocol.seeds) runSeed(outcome.experimentId, seed);
      outcome.status = QStringLiteral("finished");
    } catch (const Cancelled&) {
      outcome.status = QStringLiteral("cancelled");
      state_.log(QStringLiteral("cancelled: every point stored so far is kept"));
    } catch (const std::exception& e) {
      outcome.status = QStringLiteral("failed");
      outcome.error = QString::fromUtf8(e.what());
    }
    closeOpenRuns(outcome);
    store_.setExperimentStatus(outcome.experimentId, outcome.status);
    std::map<QString, QString> metricOf;
    QStringList order;
    for (const PlannedTask& t : plan_.targets) {
      order << t.name;
      metricOf[t.name] = t.regression() ? QStringLiteral("pearson") : QStringLiteral("accuracy");
    }
    outcome.gains = computeGains(scores_, order, metricOf);
    return outcome;
  }

 private:
  struct RunKey {
    QString target, arm;
    int seed;
    bool operator<(const RunKey& o) const {
      return std::tie(target, arm, seed) < std::tie(o.target, o.arm, o.seed);
    }
  };

  QStringList arms() const {
    return plan_.intermediate ? QStringList{kBaseline, kTransfer} : QStringList{kBaseline};
  }

  qint64 plannedSteps() const {
    qint64 perSeed = spec_.pretrain.enabled() ? spec_.pretrain.steps : 0;
    const int seed = spec_.protocol.seeds.value(0, 1);
    if (plan_.intermediate)
      perSeed += twb::plannedSteps(plan_.intermediate->splits.at(seed).train.size(),
                                   trainerOptions(spec_, plan_.intermediate->epochs, seed));
    for (const PlannedTask& t : plan_.targets)
      perSeed += arms().size() * twb::plannedSteps(t.splits.at(seed).train.size(),
                                                   trainerOptions(spec_, t.epochs, seed));
    return perSeed * spec_.protocol.seeds.size();
  }

  EncodedTask encode(const PlannedTask& task, int seed) const {
    const Split& s = task.splits.at(seed);
    const int len = spec_.train.maxLen;
    return {&task, encodeExamples(s.train, tokenizer_, spec_.model.arch, len),
            encodeExamples(s.dev, tokenizer_, spec_.model.arch, len),
            encodeExamples(s.test, tokenizer_, spec_.model.arch, len)};
  }

  TaskModel newModel(const PlannedTask& task, int seed) const {
    torch::manual_seed(seed);  // both arms start their head from the same weights
    TaskModel model(config_, task.regression() ? HeadKind::Regression : HeadKind::Classification,
                    task.regression() ? 1 : static_cast<int>(task.data.labels.size()));
    model->to(device_);
    return model;
  }

  StageInfo stageInfo(qint64 experimentId, qint64 runId, int seed, const QString& stage,
                      const QString& arm = {}, const QString& target = {}) {
    StageInfo info{stage, arm, target, seed, 0};
    info.stageId = store_.addStage(experimentId, runId, seed, stage);
    store_.setStageStatus(info.stageId, QStringLiteral("running"));
    openStages_.insert(info.stageId);
    return info;
  }

  void runSeed(qint64 experimentId, int seed) {
    torch::manual_seed(seed);
    StateDict pretrained;
    {
      TaskModel mlm(config_, HeadKind::MaskedLM);
      mlm->to(device_);
      if (spec_.pretrain.enabled()) {
        StageInfo info = stageInfo(experimentId, 0, seed, QStringLiteral("pretrain"));
        StoreReporter reporter(store_, state_, totals_, info);
        const auto text = encodePretrainText(plan_.pretrainText, tokenizer_, spec_.model.arch,
                                             spec_.train.maxLen);
        reporter.log(
            QStringLiteral("seed %1: pretraining on %2 text windows").arg(seed).arg(text.size()));
        pretrainMaskedLM(mlm, text, batches_, pretrainOptions(spec_, seed), reporter);
        finishStage(info.stageId);
      }
      pretrained = mlm->encoderState();
      if (spec_.pretrain.enabled()) saveCheckpoint(*mlm, seed, QStringLiteral("pretrain"));
    }
    StateDict intermediate;
    if (plan_.intermediate) {
      const EncodedTask data = encode(*plan_.intermediate, seed);
      StageInfo info = stageInfo(experimentId, 0, seed, QStringLiteral("intermediate"));
      TaskModel model = newModel(*plan_.intermediate, seed);
      model->loadEncoderState(pretrained);
      trainStage(model, data, info, seed);
      finishStage(info.stageId);
      intermediate = model->encoderState();
      saveCheckpoint(*model, seed, QStringLiteral("intermediate"));
    }
    for (const PlannedTask& target : plan_.targets) {
      const EncodedTask data = encode(target, seed);
      for (const QString& arm : arms())
        runTarget(experimentId, data, arm, seed, arm == kBaseline ? pretrained : intermediate);
    }
  }

  FitOutcome trainStage(TaskModel& model, const EncodedTask& data, const StageInfo& info,
                        int seed) {
    BatchMaker batches = batches_;
    batches.regression = data.task->regression();
    StoreReporter reporter(store_, state_, totals_, info);
    return fit(model, data.train, data.dev, batches, trainerOptions(spec_, data.task->epochs, seed),
               reporter);
  }

  void runTarget(qint64 experimentId, const EncodedTask& data, const QString& arm, int seed,
                 const StateDict& start) {
    const qint64 runId = runIds_.at({data.task->name, arm, seed});
    current_ = runId;
    store_.setRunStatus(runId, QStringLiteral("running"));
    StageInfo info =
        stageInfo(experimentId, runId, seed, QStringLiteral("target"), arm, data.task->name);
    TaskModel model = newModel(*data.task, seed);
    model->loadEncoderState(start);
    const FitOutcome fitted = trainStage(model, data, info, seed);
    finishStage(info.stageId);

    BatchMaker batches = batches_;
    batches.regression = data.task->regression();
    const Evaluation test = evaluate(model, data.test, batches, spec_.train.batchSize);
    store_.addResult({runId, QStringLiteral("test"), QStringLiteral("loss"), test.loss});
    for (const auto& [metric, value] : test.scores)
      store_.addResult({runId, QStringLiteral("test"), metric, value});
    store_.addResult(
        {runId, QStringLiteral("dev"), QStringLiteral("best_") + test.primaryName, fitted.bestDev});
    store_.addResult({runId, QStringLiteral("train"), QStringLiteral("steps"),
                      static_cast<double>(fitted.steps)});
    scores_[data.task->name][arm][seed] = test.primary;
    store_.setRunStatus(runId, QStringLiteral("finished"));
    finished_.insert(runId);
    current_ = 0;
  }

  // The shared stages' weights, so a later run or the GUI can start from them.
  void saveCheckpoint(const TaskModelImpl& model, int seed, const QString& stage) {
    QDir().mkpath(checkpointDir_);
    const SafetensorsMetadata metadata{
        {QStringLiteral("arch"), config_.arch},
        {QStringLiteral("hidden"), QString::number(config_.hidden)},
        {QStringLiteral("layers"), QString::number(config_.layers)},
        {QStringLiteral("heads"), QString::number(config_.heads)},
        {QStringLiteral("intermediate"), QString::number(config_.intermediate)},
        {QStringLiteral("vocab_size"), QString::number(config_.vocabSize)},
        {QStringLiteral("stage"), stage},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("experiment"), spec_.name}};
    const QString path =
        QStringLiteral("%1/seed%2-%3.safetensors").arg(checkpointDir_).arg(seed).arg(stage);
    saveSafetensors(path, model.state(), metadata);
  }

  void finishStage(qint64 stageId) {
    store_.setStageStatus(stageId, QStringLiteral("finished"));
    openStages_.erase(stageId);
  }

  void closeOpenRuns(const ExperimentOutcome& outcome) {
    for (qint64 stageId : openStages_) store_.setStageStatus(stageId, outcome.status);
    for (const auto& [key, runId] : runIds_) {
      if (finished_.count(runId)) continue;
      if (runId == current_ && outcome.status == QLatin1String("failed"))
        store_.setRunStatus(runId, QStringLiteral("failed"), outcome.error);
      else
        store_.setRunStatus(runId, QStringLiteral("cancelled"),
                            outcome.status == QLatin1String("failed")
                                ? QStringLiteral("not run: an earlier stage failed")
                                : QString());
    }
  }

  const ExperimentSpec& spec_;
  const ExperimentPlan& plan_;
  const Tokenizer& tokenizer_;
  RunStore& store_;
  TaskState& state_;
  torch::Device device_;
  BatchMaker batches_;
  EncoderConfig config_;
  QString checkpointRoot_;
  QString checkpointDir_;
  ProgressTotals totals_;
  std::map<RunKey, qint64> runIds_;
  std::set<qint64> finished_;
  std::set<qint64> openStages_;  // started and not finished: closed with the outcome's status
  qint64 current_ = 0;
  ArmScores scores_;
};

}  // namespace

ExperimentOutcome Engine::run(const ExperimentSpec& spec, const RunOptions& options,
                              TaskState& state) {
  // Everything that can reject the input happens before the store is opened for writing.
  const ExperimentPlan plan = planExperiment(spec, options.dataDir, state);
  for (const QString& warning : plan.warnings) state.log(QStringLiteral("warning: ") + warning);
  const int threads = options.threads > 0 ? options.threads : spec.train.threads;
  const DeviceChoice device = chooseDevice(options.device, threads);
  EncoderConfig::fromSpec(spec.model, spec.model.vocabSize, 0);  // rejects a bad model early

  const QString dbPath = options.dbPath.isEmpty() ? RunStore::defaultPath() : options.dbPath;
  const QString storeDir = QFileInfo(dbPath).absolutePath();
  const QString cacheDir = storeDir + QStringLiteral("/tokenizers");
  const auto tokenizer = runTokenizer(spec, plan, cacheDir, state);
  RunStore store(dbPath);
  state.log(QStringLiteral("device: %1").arg(device.description));
  Pipeline pipeline(spec, plan, *tokenizer, store, state, device.device,
                    storeDir + QStringLiteral("/checkpoints"));
  ExperimentOutcome outcome = pipeline.run();
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

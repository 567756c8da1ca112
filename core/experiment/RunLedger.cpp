#include "experiment/RunLedger.h"

#include <utility>

#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "experiment/Engine.h"

namespace twb {
namespace {

using vocab::RunStatus;

const QString kFinished = vocab::name(RunStatus::Finished);

}  // namespace

RunLedger::RunLedger(RunStore& store, const ExperimentPlan& plan, QList<int> seeds,
                     QStringList arms, QString sourcePath)
    : store_(store),
      plan_(plan),
      seeds_(std::move(seeds)),
      arms_(std::move(arms)),
      sourcePath_(std::move(sourcePath)) {}

void RunLedger::create(qint64 experimentId) {
  experimentId_ = experimentId;
  for (int seed : seeds_)
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : arms_)
        runIds_[{t.name, arm, seed}] = store_.addRun(experimentId, arm, t.name, seed);
}

void RunLedger::adopt(qint64 experimentId) {
  experimentId_ = experimentId;
  for (const RunRecord& r : store_.runs(experimentId)) {
    runIds_[{r.target, r.arm, r.seed}] = r.id;
    if (r.status == kFinished) finished_.insert(r.id);
  }
  for (int seed : seeds_)
    for (const PlannedTask& t : plan_.targets)
      for (const QString& arm : arms_)
        if (!runIds_.count({t.name, arm, seed}))
          throw InputError(sourcePath_, 0, 0,
                           QStringLiteral("experiment %1 has no run %2/%3/seed %4 to resume: it "
                                          "was run from a different experiment file")
                               .arg(experimentId)
                               .arg(t.name, arm)
                               .arg(seed));
}

qint64 RunLedger::runId(const QString& target, const QString& arm, int seed) const {
  return runIds_.at({target, arm, seed});
}

bool RunLedger::seedPending(int seed) const {
  for (const auto& [key, runId] : runIds_)
    if (key.seed == seed && !finished(runId)) return true;
  return false;
}

bool RunLedger::sharedStageFinished(int seed, const QString& stage) const {
  for (const StageRecord& s : store_.stages(experimentId_))
    if (s.runId == 0 && s.seed == seed && s.name == stage && s.status == kFinished) return true;
  return false;
}

StageInfo RunLedger::openStage(qint64 runId, int seed, const QString& stage, const QString& arm,
                               const QString& target) {
  StageInfo info{stage, arm, target, seed, 0};
  info.stageId = store_.addStage(experimentId_, runId, seed, stage);
  store_.setStageStatus(info.stageId, vocab::name(RunStatus::Running));
  openStages_.insert(info.stageId);
  return info;
}

void RunLedger::finishStage(qint64 stageId) {
  store_.setStageStatus(stageId, kFinished);
  openStages_.erase(stageId);
}

void RunLedger::startRun(qint64 runId) {
  current_ = runId;
  store_.setRunStatus(runId, vocab::name(RunStatus::Running));
}

void RunLedger::finishRun(qint64 runId) {
  store_.setRunStatus(runId, kFinished);
  finished_.insert(runId);
  current_ = 0;
}

void RunLedger::close(const ExperimentOutcome& outcome) {
  for (qint64 stageId : openStages_) store_.setStageStatus(stageId, outcome.status);
  for (const auto& [key, runId] : runIds_) {
    if (finished(runId)) continue;
    const bool failed = vocab::is(outcome.status, RunStatus::Failed);
    if (runId == current_ && failed)
      store_.setRunStatus(runId, vocab::name(RunStatus::Failed), outcome.error);
    else
      store_.setRunStatus(runId, vocab::name(RunStatus::Interrupted),
                          failed ? QStringLiteral("not run: an earlier stage failed") : QString());
  }
}

}  // namespace twb

// RunLedger: one experiment's runs and stages as the store records them: which exist, which are
// finished, which are open, and how they are closed when the experiment stops.
#pragma once

#include <QList>
#include <QStringList>
#include <map>
#include <set>
#include <tuple>

#include "common/TaskState.h"
#include "experiment/Plan.h"
#include "store/RunStore.h"

namespace twb {

struct ExperimentOutcome;

class RunLedger {
 public:
  // A run per (target, arm, seed) of plan; sourcePath names the experiment file in errors.
  RunLedger(RunStore& store, const ExperimentPlan& plan, QList<int> seeds, QStringList arms,
            QString sourcePath);

  void create(qint64 experimentId);  // a new experiment: adds every run
  // A stored experiment: adopts its runs and which are finished. Throws InputError when a run
  // the plan needs is missing (the experiment was run from another file).
  void adopt(qint64 experimentId);

  qint64 experimentId() const { return experimentId_; }
  const QStringList& arms() const { return arms_; }
  qint64 runId(const QString& target, const QString& arm, int seed) const;
  bool finished(qint64 runId) const { return finished_.count(runId) > 0; }
  bool seedPending(int seed) const;  // a run of this seed is not finished yet
  // A shared stage (pretrain, intermediate) of seed the store saw finish.
  bool sharedStageFinished(int seed, const QString& stage) const;

  // A stage, stored as running until finishStage or close.
  StageInfo openStage(qint64 runId, int seed, const QString& stage, const QString& arm = {},
                      const QString& target = {});
  void finishStage(qint64 stageId);
  void startRun(qint64 runId);
  void finishRun(qint64 runId);
  // Closes what is open with the outcome's status: the run that was training when it failed is
  // failed, the ones never reached are interrupted.
  void close(const ExperimentOutcome& outcome);

 private:
  struct RunKey {
    QString target, arm;
    int seed;
    bool operator<(const RunKey& o) const {
      return std::tie(target, arm, seed) < std::tie(o.target, o.arm, o.seed);
    }
  };

  RunStore& store_;
  const ExperimentPlan& plan_;
  QList<int> seeds_;
  QStringList arms_;
  QString sourcePath_;
  qint64 experimentId_ = 0;
  std::map<RunKey, qint64> runIds_;
  std::set<qint64> finished_;
  std::set<qint64> openStages_;
  qint64 current_ = 0;
};

}  // namespace twb

// StoreReporter: a stage's metric points and progress, sent to the RunStore and the TaskState.
#pragma once

#include <QElapsedTimer>
#include <QVector>

#include "common/TaskState.h"
#include "store/RunStore.h"
#include "train/Trainer.h"

namespace twb {

// Shared by all stages of one experiment: counts steps done over the whole plan.
struct ProgressTotals {
  qint64 done = 0;
  qint64 total = 0;
  QElapsedTimer clock;
};

class StoreReporter : public StageReporter {
 public:
  StoreReporter(RunStore& store, TaskState& state, ProgressTotals& totals, StageInfo where);
  // Flushes what is buffered when a stage unwinds (an error is not thrown from here: the one
  // unwinding is reported). On the normal path call flush() first, so a failed write fails.
  ~StoreReporter() override;

  void point(const QString& name, long step, double epoch, double value) override;
  void step(long step, long stageSteps, double loss) override;
  void log(const QString& line) override;
  void flush();

 private:
  RunStore& store_;
  TaskState& state_;
  ProgressTotals& totals_;
  StageInfo where_;
  QElapsedTimer stageClock_;
  QElapsedTimer sinceFlush_;
  QVector<MetricPoint> buffer_;
};

}  // namespace twb

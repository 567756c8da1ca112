// TaskState: how a long job reports progress and metric points and learns it was cancelled.
#pragma once

#include <QString>

#include "common/MetricPoint.h"

namespace twb {

// Where in an experiment a report comes from.
struct StageInfo {
  QString stage;   // pretrain | intermediate | target
  QString arm;     // baseline | transfer; empty for shared stages
  QString target;  // target name; empty for shared stages
  int seed = 0;
  qint64 stageId = 0;
};

struct Progress {
  StageInfo where;
  qint64 step = 0;        // within the stage
  qint64 stageSteps = 0;  // planned steps of the stage
  qint64 done = 0;        // over the whole experiment
  qint64 total = 0;
  double elapsed = 0;  // seconds since the experiment started
  double lastLoss = 0;
};

// Implemented by the CLI (a terminal progress bar) and by the GUI's worker (queued signals).
// Called from the training thread; isCancelled() is polled once per step.
class TaskState {
 public:
  virtual ~TaskState() = default;
  virtual void stageStarted(const StageInfo& /*stage*/) {}
  virtual void progress(const Progress& progress) = 0;
  virtual void metric(const StageInfo& stage, const MetricPoint& point) = 0;
  virtual void log(const QString& line) = 0;
  virtual bool isCancelled() const = 0;
};

// Thrown inside the engine when isCancelled() answered true; caught by the pipeline.
struct Cancelled {};

}  // namespace twb

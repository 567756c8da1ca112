// LogRecorder: a TaskState for suites that run the engine: keeps the log lines, counts metric
// points, and can ask to stop after a number of cancellation polls.
#pragma once

#include <QStringList>

#include "common/TaskState.h"

namespace twb::test {

struct LogRecorder : TaskState {
  QStringList lines;
  int points = 0;
  int cancelAfter = -1;  // < 0: never cancel
  mutable int polls = 0;
  void progress(const Progress&) override {}
  void metric(const StageInfo&, const MetricPoint&) override { ++points; }
  void log(const QString& line) override { lines << line; }
  bool isCancelled() const override { return cancelAfter >= 0 && ++polls > cancelAfter; }
};

}  // namespace twb::test

// TerminalProgress: the CLI's TaskState: a one-line progress bar with time left and latest loss.
#pragma once

#include <QElapsedTimer>
#include <QTextStream>

#include "common/TaskState.h"

namespace twb::cli {

class TerminalProgress : public TaskState {
 public:
  explicit TerminalProgress(bool quiet);
  ~TerminalProgress() override;

  void stageStarted(const StageInfo& stage) override;
  void progress(const Progress& p) override;
  void metric(const StageInfo&, const MetricPoint&) override {}
  void log(const QString& line) override;
  bool isCancelled() const override;
  void finish();

 private:
  void clearLine();
  QTextStream err_;
  bool quiet_;
  bool tty_;
  bool onBar_ = false;
  QElapsedTimer sinceDraw_;
  QString stageLabel_;
};

// Installs SIGINT/SIGTERM handlers. The first signal asks the run to stop after the current
// training step (the experiment is then marked interrupted); if the running phase does not see
// the request within a second (reading, encoding, a tokenizer's training, a download), the
// process exits then. A second signal exits at once. The exit status is kInterrupted (130).
void installCancelHandler();

}  // namespace twb::cli

// RunControl: the window's Start, Stop and Resume: their actions, the run on the worker, what
// Resume continues, and the run's state in the status bar.
#pragma once

#include <QObject>
#include <QString>

#include "MetaTypes.h"
#include "config/ExperimentSpec.h"
#include "experiment/Engine.h"

class QAction;

namespace twb {

class CurveStore;
class RunStatus;
class SetupPanel;
class TrainingWorker;

// Start reads the setup form (cleared live curves, then the run); Stop asks the engine to stop
// within a step; Resume continues the last experiment when it stopped before its end. While a run
// goes on the form and Start are disabled. The worker's points go to the live curves and its
// progress to the status bar.
class RunControl : public QObject {
  Q_OBJECT
 public:
  RunControl(TrainingWorker* worker, SetupPanel* setup, CurveStore* curves, RunStatus* status,
             const QString& dbPath, QObject* parent = nullptr);

  // Start (Ctrl+R), Stop (Ctrl+.) and Resume (Ctrl+Shift+R), enabled as the run allows; what
  // triggering them does is the window's to connect.
  QAction* startAction() const { return startAction_; }
  QAction* stopAction() const { return stopAction_; }
  QAction* resumeAction() const { return resumeAction_; }

  bool isRunning() const;
  // The experiment the window shows and exports: the newest stored one until a run stores one.
  qint64 lastExperimentId() const { return lastExperimentId_; }
  void setLastExperimentId(qint64 id) { lastExperimentId_ = id; }
  // What the current (or last) run was started with.
  const ExperimentSpec& runningSpec() const { return runningSpec_; }

  // Reads the form and runs it; the stored YAML is anchored at experimentFile's folder (empty:
  // the data folder). A form that does not read is rejected(). Ignored while a run goes on.
  void start(const QString& experimentFile);
  // Continues the last experiment; ignored unless it stopped before its end.
  void resume();
  void stop();
  // Stops a run going on and waits until the engine has stored what it has (for closing).
  void stopAndWait();

 Q_SIGNALS:
  // Just before the worker starts: "starting demo" or "resuming experiment 3".
  void launched(const QString& what);
  // The run ended; lastExperimentId(), Resume and the status bar already say so.
  void finished(const twb::ExperimentOutcome& outcome);
  // The experiment was not started: the input error, described ("file:line: message").
  void rejected(const QString& error);

 private:
  void launch(const ExperimentSpec& spec, qint64 resumeId);
  void onFinished(const ExperimentOutcome& outcome);
  void onRejected(const QString& message, const QString& file, int line);
  void updateActions();

  TrainingWorker* worker_;
  SetupPanel* setup_;
  CurveStore* curves_;
  RunStatus* status_;
  QString dbPath_;
  QAction* startAction_;
  QAction* stopAction_;
  QAction* resumeAction_;
  ExperimentSpec runningSpec_;  // what the current (or last) run was started with
  ExperimentSpec resumeSpec_;   // the spec of the stopped experiment Resume continues
  qint64 lastExperimentId_ = 0;
  bool lastRunResumable_ = false;
};

}  // namespace twb

// TrainingWorker: runs an experiment on a background thread and reports to the GUI thread.
#pragma once

#include <QMutex>
#include <QObject>
#include <QTimer>
#include <QVector>
#include <atomic>
#include <memory>

#include "MetaTypes.h"
#include "experiment/Engine.h"

class QThread;

namespace twb {

// The engine runs on a QThread; its reports are buffered under a mutex and handed to the GUI
// thread by a timer (at most one batch every 40 ms), so the producer's rate never drives the
// GUI. cancel() is honoured within one training step. The destructor cancels and waits.
class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  bool isRunning() const;

 public Q_SLOTS:
  // Ignored while a run is going on.
  void start(const twb::ExperimentSpec& spec, const twb::RunOptions& options);
  void cancel();

 Q_SIGNALS:
  void started();
  void stageStarted(const twb::StageInfo& stage);
  void progressed(const twb::Progress& progress);
  void pointsArrived(const QVector<twb::LivePoint>& points);
  void logLine(const QString& line);
  void finished(const twb::ExperimentOutcome& outcome);
  // The experiment was refused before anything was stored (InputError): file and line.
  void rejected(const QString& message, const QString& file, int line);

 private:
  class State;
  void drain();
  void onThreadFinished();

  std::unique_ptr<State> state_;
  QThread* thread_ = nullptr;
  QTimer drainTimer_;
};

}  // namespace twb

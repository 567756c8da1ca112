#include "window/RunControl.h"

#include <QAction>
#include <QEventLoop>
#include <QFileInfo>
#include <QKeySequence>

#include "RunStatus.h"
#include "TrainingWorker.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "config/ExperimentWriter.h"
#include "plots/CurveStore.h"
#include "setup/ExperimentFile.h"
#include "setup/SetupPanel.h"

namespace twb {

RunControl::RunControl(TrainingWorker* worker, SetupPanel* setup, CurveStore* curves,
                       RunStatus* status, const QString& dbPath, QObject* parent)
    : QObject(parent),
      worker_(worker),
      setup_(setup),
      curves_(curves),
      status_(status),
      dbPath_(dbPath),
      startAction_(new QAction(tr("&Start"), this)),
      stopAction_(new QAction(tr("S&top"), this)),
      resumeAction_(new QAction(tr("&Resume"), this)) {
  startAction_->setShortcut(QKeySequence(tr("Ctrl+R")));
  stopAction_->setShortcut(QKeySequence(tr("Ctrl+.")));
  resumeAction_->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
  connect(worker_, &TrainingWorker::pointsArrived, curves_, &CurveStore::add);
  connect(worker_, &TrainingWorker::progressed, status_, &RunStatus::showProgress);
  connect(worker_, &TrainingWorker::started, this, &RunControl::updateActions);
  connect(worker_, &TrainingWorker::finished, this, &RunControl::onFinished);
  connect(worker_, &TrainingWorker::rejected, this, &RunControl::onRejected);
  updateActions();
}

bool RunControl::isRunning() const { return worker_->isRunning(); }

void RunControl::start(const QString& experimentFile) {
  if (worker_->isRunning()) return;
  ExperimentSpec spec;
  try {
    spec = setup_->spec();
  } catch (const InputError& e) {
    onRejected(e.message(), e.file(), e.line());
    return;
  }
  // The stored YAML is what the form shows now, anchored where the file is (or would be).
  const QString dir =
      experimentFile.isEmpty() ? setup_->dataDir() : QFileInfo(experimentFile).path();
  spec.yamlText = experimentToYaml(spec, dir);
  if (spec.sourcePath.isEmpty()) spec.sourcePath = experimentFile;
  curves_->clear();
  launch(spec, 0);
}

void RunControl::resume() {
  if (worker_->isRunning() || !lastRunResumable_) return;
  launch(resumeSpec_, lastExperimentId_);
}

void RunControl::launch(const ExperimentSpec& spec, qint64 resumeId) {
  runningSpec_ = spec;
  RunOptions options;
  options.dbPath = dbPath_;
  options.dataDir = setup_->dataDir();
  options.resumeExperimentId = resumeId;
  Q_EMIT launched(resumeId ? tr("resuming experiment %1").arg(resumeId)
                           : tr("starting %1").arg(spec.name));
  worker_->start(spec, options);
}

void RunControl::stop() {
  if (!worker_->isRunning()) return;
  worker_->cancel();
  status_->showIdle(tr("Stopping after the current step..."));
}

void RunControl::stopAndWait() {
  if (!worker_->isRunning()) return;
  // Stop cleanly: the engine stops within a step and stores what it has; wait for it.
  status_->showIdle(tr("Stopping the run before closing..."));
  worker_->cancel();
  QEventLoop loop;
  connect(worker_, &TrainingWorker::finished, &loop, &QEventLoop::quit);
  connect(worker_, &TrainingWorker::rejected, &loop, &QEventLoop::quit);
  if (worker_->isRunning()) loop.exec();
}

void RunControl::onFinished(const ExperimentOutcome& outcome) {
  // A run that failed before storing anything (id 0) leaves the last experiment in place.
  if (outcome.experimentId > 0) {
    lastExperimentId_ = outcome.experimentId;
    lastRunResumable_ = !vocab::is(outcome.status, vocab::RunStatus::Finished);
    if (lastRunResumable_) resumeSpec_ = runningSpec_;
  }
  if (!outcome.device.isEmpty()) status_->setDevice(outcome.device);
  if (vocab::is(outcome.status, vocab::RunStatus::Finished))
    status_->showIdle(tr("Experiment %1 finished.").arg(outcome.experimentId));
  else if (vocab::is(outcome.status, vocab::RunStatus::Interrupted))
    status_->showIdle(tr("Stopped. Every stored point is kept; Resume continues."));
  else
    status_->showIdle(tr("Failed: %1").arg(outcome.error));
  updateActions();
  Q_EMIT finished(outcome);
}

void RunControl::onRejected(const QString& message, const QString& file, int line) {
  const QString error = describeInputError(InputError(file, line, 0, message));
  status_->showIdle(tr("Not started: %1").arg(error));
  updateActions();
  Q_EMIT rejected(error);
}

void RunControl::updateActions() {
  const bool running = worker_->isRunning();
  startAction_->setEnabled(!running);
  stopAction_->setEnabled(running);
  resumeAction_->setEnabled(!running && lastRunResumable_);
  setup_->setEnabled(!running);
}

}  // namespace twb

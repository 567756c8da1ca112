#include "MainWindow.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <algorithm>

#include "RunStatus.h"
#include "Theme.h"
#include "TrainingWorker.h"
#include "common/Vocabulary.h"
#include "config/ExperimentSpec.h"
#include "plots/CurveStore.h"
#include "plots/LossPlot.h"
#include "plots/StoredCurves.h"
#include "runs/RunsView.h"
#include "setup/ExperimentFile.h"
#include "setup/SetupPanel.h"
#include "store/RunStore.h"
#include "window/RunControl.h"
#include "window/TransferTabs.h"

namespace twb {
namespace {

bool isExperimentFile(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
}

// A dataset the experiment loader reads, by its suffix (tsv, tab, csv, jsonl, ndjson).
bool isDataFile(const QString& path) { return !datasetFormatFromSuffix(path).isEmpty(); }

}  // namespace

// Window-modal and non-blocking: the GUI thread never waits in a nested loop for a dialog.
void MainWindow::warn(const QString& title, const QString& text) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("warning"));
  box->open();
}

MainWindow::MainWindow(const QString& dbPath, QWidget* parent)
    : QMainWindow(parent),
      dbPath_(dbPath.isEmpty() ? RunStore::defaultPath() : dbPath),
      store_(std::make_unique<RunStore>(dbPath_)),
      worker_(new TrainingWorker(this)),
      curves_(new CurveStore(this)) {
  setWindowTitle(tr("Transfer Workbench"));
  setAcceptDrops(true);
  buildCentre();
  run_ = new RunControl(worker_, setup_, curves_, status_, dbPath_, this);
  buildMenus();
  connectParts();
  QSettings settings;
  applyTheme(themeFromName(settings.value(QStringLiteral("theme")).toString()));
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    resize(1360, 860);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  status_->setDevice(Engine::describeDevice(QStringLiteral("auto"), 0));
  // The newest stored experiment's transfer views, so the window opens on something to see.
  const auto experiments = store_->experiments();
  if (!experiments.isEmpty()) {
    qint64 newest = experiments.back().id;
    for (const ExperimentRecord& e : experiments) newest = std::max(newest, e.id);
    run_->setLastExperimentId(newest);
    showGains(newest);
  }
  status_->showIdle(tr("Set up an experiment on the left, or open one (Ctrl+O); then Start."));
}

MainWindow::~MainWindow() = default;

GainBars* MainWindow::gainBars() const { return transfer_->gainBars(); }
LanguageView* MainWindow::languageView() const { return transfer_->languageView(); }
qint64 MainWindow::lastExperimentId() const { return run_->lastExperimentId(); }

void MainWindow::buildCentre() {
  setup_ = new SetupPanel(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(setup_);
  scroll->setWidgetResizable(true);
  auto* dock = new QDockWidget(tr("Experiment"), this);
  dock->setObjectName(QStringLiteral("setupDock"));
  dock->setWidget(scroll);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, dock);

  lossPlot_ = new LossPlot(curves_, this);
  transfer_ = new TransferTabs(this);
  runsView_ = new RunsView(dbPath_, this);
  log_ = new QPlainTextEdit(this);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);

  tabs_ = new QTabWidget(this);
  tabs_->addTab(lossPlot_, tr("&Live curves"));
  tabs_->addTab(transfer_, tr("&Transfer"));
  tabs_->addTab(runsView_, tr("R&uns"));
  tabs_->addTab(log_, tr("Lo&g"));
  setCentralWidget(tabs_);

  status_ = new RunStatus(this);
  statusBar()->addPermanentWidget(status_, 1);
}

void MainWindow::connectParts() {
  connect(runsView_, &RunsView::selectionChanged, this, &MainWindow::showSelectedRuns);
  connect(worker_, &TrainingWorker::logLine, this, &MainWindow::appendLog);
  connect(worker_, &TrainingWorker::started, this,
          [this] { runsView_->setLiveReloadInterval(2000); });
  connect(run_, &RunControl::launched, this, &MainWindow::onRunLaunched);
  connect(run_, &RunControl::finished, this, &MainWindow::onRunFinished);
  connect(run_, &RunControl::rejected, this, &MainWindow::onRunRejected);
}

bool MainWindow::openExperiment(const QString& path) {
  const OpenedExperiment opened = openExperimentFile(path);
  if (!opened.ok()) {
    lastError_ = describeInputError(*opened.error);
    warn(tr("Cannot open experiment"), lastError_);
    return false;
  }
  setup_->setSpec(*opened.spec);
  currentFile_ = QFileInfo(path).absoluteFilePath();
  RecentFiles().add(currentFile_);
  updateRecentMenu();
  setWindowTitle(tr("%1 - Transfer Workbench").arg(QFileInfo(path).fileName()));
  return true;
}

bool MainWindow::saveExperimentAs(const QString& path) {
  QString error;
  try {
    if (!saveExperimentFile(setup_->spec(), path, &error)) {
      warn(tr("Cannot save experiment"), error);
      return false;
    }
  } catch (const InputError& e) {
    warn(tr("Cannot save experiment"), describeInputError(e));
    return false;
  }
  currentFile_ = QFileInfo(path).absoluteFilePath();
  RecentFiles().add(currentFile_);
  updateRecentMenu();
  return true;
}

void MainWindow::startExperiment() { run_->start(currentFile_); }
void MainWindow::stopExperiment() { run_->stop(); }
void MainWindow::resumeExperiment() { run_->resume(); }

void MainWindow::onRunLaunched(const QString& what) {
  lastError_.clear();
  appendLog(what);
  tabs_->setCurrentWidget(lossPlot_);
}

void MainWindow::onRunFinished(const ExperimentOutcome& outcome) {
  runsView_->setLiveReloadInterval(10000);
  runsView_->reload();
  transfer_->showOutcome(outcome, run_->runningSpec());
  if (vocab::is(outcome.status, vocab::RunStatus::Finished)) {
    transfer_->showGainBars();
    tabs_->setCurrentWidget(transfer_);
  } else if (!vocab::is(outcome.status, vocab::RunStatus::Interrupted)) {
    lastError_ = outcome.error;
    appendLog(tr("failed: %1").arg(outcome.error));
    warn(tr("The run failed"), outcome.error);
  }
  Q_EMIT experimentFinished(outcome);
}

void MainWindow::onRunRejected(const QString& error) {
  lastError_ = error;
  warn(tr("The experiment was not started"), lastError_);
}

void MainWindow::showSelectedRuns(const QList<qint64>& runIds) {
  if (runIds.isEmpty() || worker_->isRunning()) return;
  curves_->clear();
  addStoredRuns(*store_, runIds, curves_);
  if (const auto run = store_->run(runIds.front())) showGains(run->experimentId);
}

void MainWindow::showGains(qint64 experimentId) {
  transfer_->showStored(*store_, experimentId, setup_->dataDir());
}

void MainWindow::appendLog(const QString& line) { log_->appendPlainText(line); }

void MainWindow::closeEvent(QCloseEvent* event) {
  run_->stopAndWait();
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (isExperimentFile(url.toLocalFile()) || isDataFile(url.toLocalFile())) {
      event->acceptProposedAction();
      return;
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    const QString path = url.toLocalFile();
    if (isExperimentFile(path))
      openExperiment(path);
    else if (isDataFile(path))
      setup_->addTargetFile(path);
  }
}

}  // namespace twb

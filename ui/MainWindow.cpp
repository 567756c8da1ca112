#include "MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <algorithm>

#include "LanguageView.h"
#include "RunStatus.h"
#include "Theme.h"
#include "TrainingWorker.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"
#include "experiment/StoredGains.h"
#include "export/PlotExport.h"
#include "export/ResultsExport.h"
#include "langsim/LanguageTable.h"
#include "plots/CurveStore.h"
#include "plots/GainBars.h"
#include "plots/GainHeatmap.h"
#include "plots/GainScatter.h"
#include "plots/LossPlot.h"
#include "runs/RunsView.h"
#include "setup/ExperimentFile.h"
#include "setup/SetupPanel.h"
#include "store/RunStore.h"

namespace twb {
namespace {

bool isExperimentFile(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
}

bool isDataFile(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  return suffix == QLatin1String("tsv") || suffix == QLatin1String("csv") ||
         suffix == QLatin1String("jsonl");
}

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
  buildMenus();
  connectWorker();
  QSettings settings;
  applyTheme(themeFromName(settings.value(QStringLiteral("theme")).toString()));
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    resize(1360, 860);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  status_->setDevice(Engine::describeDevice(QStringLiteral("auto"), 0));
  // The newest stored experiment's transfer views, so the window opens on something to see.
  const auto experiments = store_->experiments();
  if (!experiments.isEmpty()) {
    lastExperimentId_ = experiments.back().id;
    for (const ExperimentRecord& e : experiments)
      lastExperimentId_ = std::max(lastExperimentId_, e.id);
    showGains(lastExperimentId_);
  }
  status_->showIdle(tr("Set up an experiment on the left, or open one (Ctrl+O); then Start."));
  updateActions();
}

MainWindow::~MainWindow() = default;

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
  gainBars_ = new GainBars(this);
  heatmap_ = new GainHeatmap(this);
  languages_ = new LanguageView(this);
  runsView_ = new RunsView(dbPath_, this);
  log_ = new QPlainTextEdit(this);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);

  transferTabs_ = new QTabWidget(this);
  transferTabs_->addTab(gainBars_, tr("Gain per target"));
  transferTabs_->addTab(heatmap_, tr("Heatmap"));
  transferTabs_->addTab(languages_, tr("Gain vs distance"));

  tabs_ = new QTabWidget(this);
  tabs_->addTab(lossPlot_, tr("&Live curves"));
  tabs_->addTab(transferTabs_, tr("&Transfer"));
  tabs_->addTab(runsView_, tr("R&uns"));
  tabs_->addTab(log_, tr("Lo&g"));
  setCentralWidget(tabs_);

  status_ = new RunStatus(this);
  statusBar()->addPermanentWidget(status_, 1);

  connect(runsView_, &RunsView::selectionChanged, this, &MainWindow::showSelectedRuns);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open experiment..."), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                      tr("Experiments (*.yaml *.yml)"));
    if (!path.isEmpty()) openExperiment(path);
  });
  recentMenu_ = file->addMenu(tr("Open &recent"));
  file->addAction(tr("&Save experiment as..."), QKeySequence::SaveAs, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), currentFile_,
                                                      tr("Experiments (*.yaml)"));
    if (!path.isEmpty()) saveExperimentAs(path);
  });
  file->addSeparator();
  file->addAction(tr("Export &plot..."), QKeySequence(tr("Ctrl+E")), this,
                  &MainWindow::exportCurrentPlot);
  file->addAction(tr("Export results as &CSV..."), this, [this] { exportResults(false); });
  file->addAction(tr("Export gains as &LaTeX..."), this, [this] { exportResults(true); });
  file->addAction(tr("Export &gains as CSV..."), this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export gains as CSV"), QString(), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() &&
        !exportGainsCsv(gainsOfExperiment(*store_, lastExperimentId_), path, &error))
      warn(tr("Export failed"), error);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  startAction_ =
      run->addAction(tr("&Start"), QKeySequence(tr("Ctrl+R")), this, &MainWindow::startExperiment);
  stopAction_ =
      run->addAction(tr("S&top"), QKeySequence(tr("Ctrl+.")), this, &MainWindow::stopExperiment);
  resumeAction_ = run->addAction(tr("&Resume"), QKeySequence(tr("Ctrl+Shift+R")), this,
                                 &MainWindow::resumeExperiment);
  run->addSeparator();
  run->addAction(tr("&Fetch missing datasets"), setup_, &SetupPanel::fetchMissing);

  QToolBar* bar = addToolBar(tr("Run"));
  bar->setObjectName(QStringLiteral("runToolBar"));
  bar->addAction(startAction_);
  bar->addAction(stopAction_);
  bar->addAction(resumeAction_);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < tabs_->count(); ++i)
    view->addAction(tabs_->tabText(i).remove(QLatin1Char('&')),
                    QKeySequence(QStringLiteral("Alt+%1").arg(i + 1)), this,
                    [this, i] { tabs_->setCurrentIndex(i); });
  view->addSeparator();
  for (Theme theme : {Theme::Light, Theme::Dark})
    view->addAction(theme == Theme::Light ? tr("&Light theme") : tr("&Dark theme"), this, [theme] {
      applyTheme(theme);
      QSettings().setValue(QStringLiteral("theme"), themeName(theme));
    });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Transfer Workbench"), this, &MainWindow::showAbout);
  updateRecentMenu();
}

void MainWindow::connectWorker() {
  connect(worker_, &TrainingWorker::pointsArrived, curves_, &CurveStore::add);
  connect(worker_, &TrainingWorker::progressed, status_, &RunStatus::showProgress);
  connect(worker_, &TrainingWorker::logLine, this, &MainWindow::appendLog);
  connect(worker_, &TrainingWorker::finished, this, &MainWindow::onFinished);
  connect(worker_, &TrainingWorker::rejected, this, &MainWindow::onRejected);
  connect(worker_, &TrainingWorker::started, this, [this] {
    runsView_->setLiveReloadInterval(2000);
    updateActions();
  });
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

void MainWindow::startExperiment() {
  if (worker_->isRunning()) return;
  ExperimentSpec spec;
  try {
    spec = setup_->spec();
  } catch (const InputError& e) {
    onRejected(e.message(), e.file(), e.line());
    return;
  }
  // The stored YAML is what the form shows now, anchored where the file is (or would be).
  const QString dir = currentFile_.isEmpty() ? setup_->dataDir() : QFileInfo(currentFile_).path();
  spec.yamlText = experimentToYaml(spec, dir);
  if (spec.sourcePath.isEmpty()) spec.sourcePath = currentFile_;
  curves_->clear();
  launch(spec, 0);
}

void MainWindow::resumeExperiment() {
  if (worker_->isRunning() || !lastRunResumable_) return;
  launch(resumeSpec_, lastExperimentId_);
}

void MainWindow::launch(const ExperimentSpec& spec, qint64 resumeId) {
  runningSpec_ = spec;
  RunOptions options;
  options.dbPath = dbPath_;
  options.dataDir = setup_->dataDir();
  options.resumeExperimentId = resumeId;
  lastError_.clear();
  appendLog(resumeId ? tr("resuming experiment %1").arg(resumeId)
                     : tr("starting %1").arg(spec.name));
  tabs_->setCurrentWidget(lossPlot_);
  worker_->start(spec, options);
}

void MainWindow::stopExperiment() {
  if (!worker_->isRunning()) return;
  worker_->cancel();
  status_->showIdle(tr("Stopping after the current step..."));
}

void MainWindow::onFinished(const ExperimentOutcome& outcome) {
  // A run that failed before storing anything (id 0) leaves the last experiment in place.
  if (outcome.experimentId > 0) {
    lastExperimentId_ = outcome.experimentId;
    lastRunResumable_ = outcome.status != QLatin1String("finished");
    if (lastRunResumable_) resumeSpec_ = runningSpec_;
  }
  if (!outcome.device.isEmpty()) status_->setDevice(outcome.device);
  runsView_->setLiveReloadInterval(10000);
  runsView_->reload();
  gainBars_->setGains(outcome.gains);
  gainBars_->setTitle(tr("Experiment %1: %2 (%3)")
                          .arg(outcome.experimentId)
                          .arg(runningSpec_.name, outcome.status));
  heatmap_->setGains(
      {runningSpec_.intermediate ? runningSpec_.intermediate->dataset.name() : tr("none")},
      {outcome.gains});
  if (outcome.status == QLatin1String("finished")) {
    status_->showIdle(tr("Experiment %1 finished.").arg(outcome.experimentId));
    transferTabs_->setCurrentWidget(gainBars_);
    tabs_->setCurrentWidget(transferTabs_);
  } else if (outcome.status == QLatin1String("interrupted")) {
    status_->showIdle(tr("Stopped. Every stored point is kept; Resume continues."));
  } else {
    lastError_ = outcome.error;
    status_->showIdle(tr("Failed: %1").arg(outcome.error));
    appendLog(tr("failed: %1").arg(outcome.error));
    warn(tr("The run failed"), outcome.error);
  }
  updateActions();
  Q_EMIT experimentFinished(outcome);
}

void MainWindow::onRejected(const QString& message, const QString& file, int line) {
  lastError_ = describeInputError(InputError(file, line, 0, message));
  status_->showIdle(tr("Not started: %1").arg(lastError_));
  updateActions();
  warn(tr("The experiment was not started"), lastError_);
}

void MainWindow::showSelectedRuns(const QList<qint64>& runIds) {
  if (runIds.isEmpty() || worker_->isRunning()) return;
  curves_->clear();
  for (qint64 runId : runIds) {
    const auto run = store_->run(runId);
    if (!run) continue;
    const QString origin = tr("run %1").arg(runId);
    const QVector<StageRecord> stages = store_->stagesOfRun(runId);
    for (qsizetype i = 0; i < stages.size(); ++i) {
      const StageRecord& stage = stages[i];
      // A stage its dead process left and a resume ran again: only the new curve is drawn.
      const auto redone = [&](const StageRecord& later) {
        return later.name == stage.name && later.runId == stage.runId && later.seed == stage.seed;
      };
      if (stage.status == QLatin1String("interrupted") &&
          std::any_of(stages.begin() + i + 1, stages.end(), redone))
        continue;
      const StageInfo where{stage.name, stage.runId ? run->arm : QString(),
                            stage.runId ? run->target : QString(), stage.seed, stage.id};
      curves_->addStored(where, store_->points(stage.id), origin);
    }
  }
  if (const auto run = store_->run(runIds.front())) showGains(run->experimentId);
}

void MainWindow::showGains(qint64 experimentId) {
  const QVector<TargetGain> gains = gainsFromStore(*store_, experimentId);
  gainBars_->setGains(gains);
  const auto experiment = store_->experiment(experimentId);
  gainBars_->setTitle(
      experiment
          ? tr("Experiment %1: %2 (%3)").arg(experimentId).arg(experiment->name, experiment->status)
          : QString());
  const auto targets = storedTargets(*store_, experimentId);
  QString intermediate = tr("no intermediate");
  try {
    if (experiment) {
      const ExperimentSpec spec = parseExperiment(experiment->yamlText, QString());
      if (spec.intermediate) intermediate = spec.intermediate->dataset.name();
    }
  } catch (const std::exception&) {
  }
  heatmap_->setGains({intermediate}, {gains});
  // Language targets: their gains against the language table's distances.
  const bool anyLanguage = std::any_of(gains.begin(), gains.end(),
                                       [](const TargetGain& g) { return !g.language.isEmpty(); });
  if (!anyLanguage) {
    languages_->showNote(tr("This experiment has no language targets."));
    return;
  }
  try {
    languages_->setReport(
        buildLanguageReport(*store_, experimentId, setup_->dataDir(), kPermutations, &gains));
  } catch (const std::exception& e) {
    languages_->showNote(QString::fromUtf8(e.what()));
  }
}

void MainWindow::updateActions() {
  const bool running = worker_->isRunning();
  startAction_->setEnabled(!running);
  stopAction_->setEnabled(running);
  resumeAction_->setEnabled(!running && lastRunResumable_);
  setup_->setEnabled(!running);
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList files = RecentFiles().files();
  for (int i = 0; i < files.size(); ++i)
    recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(files[i]), this,
                           [this, path = files[i]] { openExperiment(path); });
  recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::appendLog(const QString& line) { log_->appendPlainText(line); }

void MainWindow::exportCurrentPlot() {
  QCustomPlot* plot = lossPlot_->plot();
  if (tabs_->currentWidget() == transferTabs_) {
    QWidget* shown = transferTabs_->currentWidget();
    plot = shown == gainBars_  ? gainBars_->plot()
           : shown == heatmap_ ? heatmap_->plot()
                               : languages_->scatter()->plot();
  }
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export plot"), QString(), PlotExport::fileFilter());
  if (path.isEmpty()) return;
  const QString error = PlotExport::save(plot, path);
  if (!error.isEmpty()) warn(tr("Export failed"), error);
}

void MainWindow::exportResults(bool latex) {
  const QString path = QFileDialog::getSaveFileName(
      this, latex ? tr("Export gains as LaTeX") : tr("Export results as CSV"), QString(),
      latex ? tr("LaTeX (*.tex)") : tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  const bool ok =
      latex ? exportGainsLatex(gainsOfExperiment(*store_, lastExperimentId_), path, {}, &error)
            : exportResultsCsv(*store_, path, 0, &error) >= 0;
  if (!ok) warn(tr("Export failed"), error);
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About Transfer Workbench"),
      tr("<h3>Transfer Workbench %1</h3>"
         "<p>Does intermediate-task training help a target task or language, and by how "
         "much? Both arms, every target, several seeds; the gain with its spread.</p>"
         "<p>Qt %2 &middot; LibTorch %3</p><p>Run store: %4</p>")
          .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
               Engine::torchVersion(), dbPath_.toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (worker_->isRunning()) {
    // Stop cleanly: the engine stops within a step and stores what it has; wait for it.
    status_->showIdle(tr("Stopping the run before closing..."));
    worker_->cancel();
    QEventLoop loop;
    connect(worker_, &TrainingWorker::finished, &loop, &QEventLoop::quit);
    connect(worker_, &TrainingWorker::rejected, &loop, &QEventLoop::quit);
    if (worker_->isRunning()) loop.exec();
  }
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

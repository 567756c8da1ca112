// MainWindow: assembles the workbench: setup, live curves, transfer views, runs; owns the worker.
#pragma once

#include <QMainWindow>
#include <memory>

#include "MetaTypes.h"
#include "config/ExperimentSpec.h"
#include "experiment/Engine.h"

class QAction;
class QMenu;
class QPlainTextEdit;
class QTabWidget;

namespace twb {

class CurveStore;
class GainBars;
class GainHeatmap;
class LanguageView;
class LossPlot;
class RunStatus;
class RunStore;
class RunsView;
class SetupPanel;
class TrainingWorker;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const QString& dbPath = QString(), QWidget* parent = nullptr);
  ~MainWindow() override;

  // The parts, for tests and for the app's main().
  TrainingWorker* worker() const { return worker_; }
  CurveStore* curves() const { return curves_; }
  LossPlot* lossPlot() const { return lossPlot_; }
  GainBars* gainBars() const { return gainBars_; }
  LanguageView* languageView() const { return languages_; }
  RunsView* runsView() const { return runsView_; }
  SetupPanel* setupPanel() const { return setup_; }
  RunStatus* runStatus() const { return status_; }
  QString databasePath() const { return dbPath_; }
  qint64 lastExperimentId() const { return lastExperimentId_; }
  QString lastError() const { return lastError_; }

 public Q_SLOTS:
  // Draws the stored curves of these runs (a stage a resume ran again: only its new curve).
  void showSelectedRuns(const QList<qint64>& runIds);
  bool openExperiment(const QString& path);
  bool saveExperimentAs(const QString& path);
  void startExperiment();
  void stopExperiment();
  void resumeExperiment();

 Q_SIGNALS:
  void experimentFinished(const twb::ExperimentOutcome& outcome);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildCentre();
  void buildMenus();
  void connectWorker();
  void launch(const ExperimentSpec& spec, qint64 resumeId);
  void onFinished(const ExperimentOutcome& outcome);
  void onRejected(const QString& message, const QString& file, int line);
  void showGains(qint64 experimentId);
  void updateActions();
  void updateRecentMenu();
  void appendLog(const QString& line);
  void exportCurrentPlot();
  void exportResults(bool latex);
  void showAbout();
  void warn(const QString& title, const QString& text);

  QString dbPath_;
  QString currentFile_;
  std::unique_ptr<RunStore> store_;  // the GUI's own connection, for reading
  TrainingWorker* worker_;
  CurveStore* curves_;
  SetupPanel* setup_ = nullptr;
  LossPlot* lossPlot_ = nullptr;
  GainBars* gainBars_ = nullptr;
  GainHeatmap* heatmap_ = nullptr;
  LanguageView* languages_ = nullptr;
  RunsView* runsView_ = nullptr;
  RunStatus* status_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QTabWidget* transferTabs_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QAction* startAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QAction* resumeAction_ = nullptr;
  ExperimentSpec runningSpec_;  // what the current (or last) run was started with
  ExperimentSpec resumeSpec_;   // the spec of the stopped experiment Resume continues
  qint64 lastExperimentId_ = 0;
  bool lastRunResumable_ = false;
  QString lastError_;
};

}  // namespace twb

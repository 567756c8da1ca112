// MainWindow: assembles the workbench: setup, live curves, transfer views, runs; owns the worker.
#pragma once

#include <QMainWindow>
#include <memory>

#include "MetaTypes.h"  // ExperimentOutcome, declared to Qt: experimentFinished carries one

class QMenu;
class QPlainTextEdit;
class QTabWidget;

namespace twb {

class CurveStore;
class GainBars;
class LanguageView;
class LossPlot;
class RunControl;
class RunStatus;
class RunStore;
class RunsView;
class SetupPanel;
class TrainingWorker;
class TransferTabs;

// The setup form docked on the left; tabs for the live curves, the transfer views, the stored
// runs and the log; Start, Stop and Resume in the Run menu and on a toolbar (RunControl). The
// menus are built in MainWindowMenus.cpp.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const QString& dbPath = QString(), QWidget* parent = nullptr);
  ~MainWindow() override;

  // The parts, for tests and for the app's main().
  TrainingWorker* worker() const { return worker_; }
  CurveStore* curves() const { return curves_; }
  LossPlot* lossPlot() const { return lossPlot_; }
  GainBars* gainBars() const;
  LanguageView* languageView() const;
  RunsView* runsView() const { return runsView_; }
  SetupPanel* setupPanel() const { return setup_; }
  RunStatus* runStatus() const { return status_; }
  QString databasePath() const { return dbPath_; }
  qint64 lastExperimentId() const;
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
  void connectParts();
  void onRunLaunched(const QString& what);
  void onRunFinished(const ExperimentOutcome& outcome);
  void onRunRejected(const QString& error);
  void showGains(qint64 experimentId);
  void appendLog(const QString& line);
  void warn(const QString& title, const QString& text);
  // MainWindowMenus.cpp: the menus and what their entries do that is not a run.
  void buildMenus();
  void updateRecentMenu();
  void exportCurrentPlot();
  void exportResults(bool latex);
  void exportGains();
  void showAbout();

  QString dbPath_;
  QString currentFile_;
  std::unique_ptr<RunStore> store_;  // the GUI's own connection, for reading
  TrainingWorker* worker_;
  CurveStore* curves_;
  SetupPanel* setup_ = nullptr;
  LossPlot* lossPlot_ = nullptr;
  TransferTabs* transfer_ = nullptr;
  RunsView* runsView_ = nullptr;
  RunStatus* status_ = nullptr;
  RunControl* run_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QString lastError_;
};

}  // namespace twb

// MainWindow: assembles the workbench: setup, live curves, transfer views, runs; owns the worker.
#pragma once

#include <QMainWindow>

namespace twb {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const QString& dbPath = QString(), QWidget* parent = nullptr);
  ~MainWindow() override;

 public Q_SLOTS:
  bool openExperiment(const QString& path);
  void startExperiment();
  void stopExperiment();
};

}  // namespace twb

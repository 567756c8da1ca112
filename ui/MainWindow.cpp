#include "MainWindow.h"

namespace twb {

MainWindow::MainWindow(const QString& /*dbPath*/, QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(QStringLiteral("Transfer Workbench"));
}

MainWindow::~MainWindow() = default;

bool MainWindow::openExperiment(const QString& /*path*/) { return false; }
void MainWindow::startExperiment() {}
void MainWindow::stopExperiment() {}

}  // namespace twb

// MainWindow's menus (File, Run, View, Help) and what their entries do that is not a run.
#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QToolBar>

#include "MainWindow.h"
#include "Theme.h"
#include "export/PlotExport.h"
#include "export/ResultsExport.h"
#include "plots/LossPlot.h"
#include "setup/ExperimentFile.h"
#include "setup/SetupPanel.h"
#include "store/RunStore.h"
#include "window/RunControl.h"
#include "window/TransferTabs.h"

namespace twb {

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
  file->addAction(tr("Export &gains as CSV..."), this, &MainWindow::exportGains);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addAction(run_->startAction());
  run->addAction(run_->stopAction());
  run->addAction(run_->resumeAction());
  connect(run_->startAction(), &QAction::triggered, this, &MainWindow::startExperiment);
  connect(run_->stopAction(), &QAction::triggered, this, &MainWindow::stopExperiment);
  connect(run_->resumeAction(), &QAction::triggered, this, &MainWindow::resumeExperiment);
  run->addSeparator();
  run->addAction(tr("&Fetch missing datasets"), setup_, &SetupPanel::fetchMissing);

  QToolBar* bar = addToolBar(tr("Run"));
  bar->setObjectName(QStringLiteral("runToolBar"));
  bar->addAction(run_->startAction());
  bar->addAction(run_->stopAction());
  bar->addAction(run_->resumeAction());

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

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList files = RecentFiles().files();
  for (int i = 0; i < files.size(); ++i)
    recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(files[i]), this,
                           [this, path = files[i]] { openExperiment(path); });
  recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::exportCurrentPlot() {
  QCustomPlot* plot =
      tabs_->currentWidget() == transfer_ ? transfer_->currentPlot() : lossPlot_->plot();
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
  const bool ok = latex ? exportGainsLatex(gainsOfExperiment(*store_, run_->lastExperimentId()),
                                           path, {}, &error)
                        : exportResultsCsv(*store_, path, 0, &error) >= 0;
  if (!ok) warn(tr("Export failed"), error);
}

void MainWindow::exportGains() {
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export gains as CSV"), QString(), tr("CSV (*.csv)"));
  const qint64 experiment = run_->lastExperimentId();
  QString error;
  if (!path.isEmpty() && !exportGainsCsv(gainsOfExperiment(*store_, experiment),
                                         resolvedSettings(*store_, experiment), path, &error))
    warn(tr("Export failed"), error);
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

}  // namespace twb

// transfer-workbench: the desktop workbench's main(): application identity, then the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <memory>

#include "MainWindow.h"
#include "common/DataFolders.h"
#include "common/InputError.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  // The same identity as `twb`, so both use one data folder and one run store.
  QApplication::setApplicationName(QStringLiteral("transfer-workbench"));
  QApplication::setApplicationDisplayName(QStringLiteral("Transfer Workbench"));
  QApplication::setApplicationVersion(QStringLiteral(TWB_VERSION));
  QApplication::setOrganizationName(QStringLiteral("transfer-workbench"));  // QSettings' file
  twb::appDataFolder();  // one data folder with twb's; moves what older windows left, once
  for (const QString& note : twb::dataFolderNotes()) qInfo("%s", qPrintable(note));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Intermediate-task transfer experiments."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("experiment"), QStringLiteral("a YAML to open"));
  parser.addOption(
      {QStringLiteral("db"), QStringLiteral("SQLite run store"), QStringLiteral("path")});
  parser.addOption(
      {QStringLiteral("start"), QStringLiteral("start the opened experiment at once")});
  parser.process(app);

  // The window opens its run store first: one that is not a run store (or cannot be opened)
  // is said in a dialog, never an abort, and nothing is written to it.
  std::unique_ptr<twb::MainWindow> opened;
  try {
    opened = std::make_unique<twb::MainWindow>(parser.value(QStringLiteral("db")));
  } catch (const std::exception& error) {
    QMessageBox::critical(nullptr, QStringLiteral("Transfer Workbench"),
                          QStringLiteral("The run store cannot be opened:\n\n%1")
                              .arg(QString::fromUtf8(error.what())));
    return dynamic_cast<const twb::InputError*>(&error) ? 2 : 1;
  }
  twb::MainWindow& window = *opened;
  window.show();
  if (!parser.positionalArguments().isEmpty()) {
    window.openExperiment(parser.positionalArguments().front());
    if (parser.isSet(QStringLiteral("start"))) window.startExperiment();
  }
  return app.exec();
}

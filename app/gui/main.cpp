// transfer-workbench: the desktop workbench's main(): application identity, then the window.
#include <QApplication>
#include <QCommandLineParser>

#include "MainWindow.h"
#include "common/DataFolders.h"

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

  twb::MainWindow window(parser.value(QStringLiteral("db")));
  window.show();
  if (!parser.positionalArguments().isEmpty()) {
    window.openExperiment(parser.positionalArguments().front());
    if (parser.isSet(QStringLiteral("start"))) window.startExperiment();
  }
  return app.exec();
}

// twb: the headless Transfer Workbench command; dispatches to one subcommand.
#include <QCoreApplication>
#ifdef TWB_REPORT_PLOTS
#include <QApplication>
#endif
#include <QTextStream>
#include <cstdio>
#include <memory>

#include "Commands.h"
#include "common/DataFolders.h"
#include "common/InputError.h"

namespace {

const char* kUsage =
    "usage: twb COMMAND [ARGS]\n"
    "\n"
    "Intermediate-task transfer experiments: does training on an intermediate task first help\n"
    "this target task or language, and by how much?\n"
    "\n"
    "commands:\n"
    "  run EXP.yaml [--db PATH] [--device auto|cpu|cuda] [--threads N] [--json]\n"
    "                       run an experiment: both arms for every target and seed\n"
    "  datasets list|fetch ID|show ID\n"
    "                       the dataset catalog and the local cache\n"
    "  runs [--db PATH]     stored experiments and runs\n"
    "  show RUN [--db PATH] one run: stages, metric series, results\n"
    "  show --experiment NAME|ID [--json] [--effect D]\n"
    "                       an experiment's gains: intervals, tests, verdicts, power hint\n"
    "  export --csv FILE | --predictions FILE | --gains FILE [EXPERIMENT] [--db PATH]\n"
    "                       results of every run, per-example predictions, or gains as CSV\n"
    "  langs fetch | show LANG | distance LANG1 LANG2\n"
    "                       the language table: codes, family, WALS features, distances\n"
    "  report EXPERIMENT [--db PATH] [--json] [--plots DIR]\n"
    "                       gain per language against its distance from English, with r\n"
    "  models list | fetch MODEL | run FOLDER --input FILE.json | export EXP OUT\n"
    "                       pretrained encoders: catalog, Hub download, checking, export to HF\n"
    "  tokenize FOLDER (--text T | --text-file FILE) [--pair P] [--max-len N]\n"
    "                       a checkpoint's tokenizer on a text: tokens, ids, types, mask\n"
    "  plugins [--json]     the data sources and tasks plugins add, and where from\n"
    "  schema [--markdown]  the experiment file's keys: JSON Schema for editors, or Markdown\n"
    "\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 success, 1 a run failed (or its store stayed locked), 2 bad input (also a\n"
    "  --db that is not a run store), 130 interrupted (Ctrl-C or SIGTERM; resumable)\n";

// Runs the command; -1 when there is no such command.
int dispatch(const QString& command, const QStringList& args) {
  if (command == QLatin1String("run")) return twb::cli::runExperiment(args);
  if (command == QLatin1String("datasets")) return twb::cli::datasets(args);
  if (command == QLatin1String("runs")) return twb::cli::listRuns(args);
  if (command == QLatin1String("show")) return twb::cli::showRun(args);
  if (command == QLatin1String("export")) return twb::cli::exportResults(args);
  if (command == QLatin1String("langs")) return twb::cli::langs(args);
  if (command == QLatin1String("report")) return twb::cli::report(args);
  if (command == QLatin1String("models")) return twb::cli::models(args);
  if (command == QLatin1String("tokenize")) return twb::cli::tokenize(args);
  if (command == QLatin1String("schema")) return twb::cli::schema(args);
  if (command == QLatin1String("plugins")) return twb::cli::plugins(args);
  return -1;
}

}  // namespace

// `twb report --plots` draws with QCustomPlot, which needs a GUI application (offscreen when
// there is no display); every other command stays a plain console application.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv) {
#ifdef TWB_REPORT_PLOTS
  bool plots = false;
  for (int i = 1; i < argc; ++i) plots |= QByteArray(argv[i]) == "--plots";
  if (plots) {
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
      qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QApplication>(argc, argv);
  }
#endif
  return std::make_unique<QCoreApplication>(argc, argv);
}

int main(int argc, char** argv) {
  const auto app = makeApplication(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("transfer-workbench"));
  QCoreApplication::setApplicationVersion(QStringLiteral(TWB_VERSION));
  QStringList args = QCoreApplication::arguments().mid(1);
  QTextStream out(stdout);
  if (args.isEmpty() || args.front() == QLatin1String("--help") ||
      args.front() == QLatin1String("-h") || args.front() == QLatin1String("help")) {
    out << kUsage;
    return args.isEmpty() ? twb::cli::kBadInput : twb::cli::kOk;
  }
  if (args.front() == QLatin1String("--version")) {
    out << "twb " << TWB_VERSION << "\n";
    return twb::cli::kOk;
  }
  const QString command = args.takeFirst();
  twb::appDataFolder();  // moves what an older window left in its own folder, once
  for (const QString& note : twb::dataFolderNotes()) QTextStream(stderr) << "twb: " << note << "\n";
  // No exception leaves main: a command that did not catch one still ends with its status.
  try {
    if (const int status = dispatch(command, args); status >= 0) return status;
  } catch (const twb::InputError& e) {
    QTextStream(stderr) << "twb " << command << ": " << e.what() << "\n";
    return twb::cli::kBadInput;
  } catch (const std::exception& e) {
    QTextStream(stderr) << "twb " << command << ": " << e.what() << "\n";
    return twb::cli::kRunFailed;
  } catch (...) {
    QTextStream(stderr) << "twb " << command << ": failed with an unknown error\n";
    return twb::cli::kRunFailed;
  }
  QTextStream(stderr) << "twb: unknown command '" << command << "'\n\n" << kUsage;
  return twb::cli::kBadInput;
}

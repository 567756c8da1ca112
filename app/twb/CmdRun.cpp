// CmdRun: `twb run EXP.yaml`: runs an experiment and prints the gain table or JSON.
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <cmath>

#include "Commands.h"
#include "GainTable.h"
#include "TerminalProgress.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "config/ExperimentLoader.h"
#include "experiment/ContaminationRecords.h"
#include "experiment/Engine.h"
#include "store/RunStore.h"

namespace twb::cli {
namespace {

QJsonObject toJson(const ExperimentSpec& spec, const ExperimentOutcome& outcome, double effect,
                   const QStringList& contamination) {
  QJsonObject root{{QStringLiteral("experiment"), spec.name},
                   {QStringLiteral("experiment_id"), outcome.experimentId},
                   {QStringLiteral("status"), outcome.status},
                   {QStringLiteral("device"), outcome.device},
                   {QStringLiteral("results"), gainsJson(outcome.gains, effect)},
                   {QStringLiteral("warnings"), QJsonArray::fromStringList(outcome.warnings)}};
  if (!outcome.error.isEmpty()) root[QStringLiteral("error")] = outcome.error;
  root[QStringLiteral("contamination")] = QJsonArray::fromStringList(contamination);
  return root;
}

// What the contamination check stored for the experiment (the same lines as twb show).
QStringList contaminationOf(const RunOptions& options, const ExperimentOutcome& outcome) {
  if (outcome.experimentId <= 0) return {};
  try {
    const RunStore store(options.dbPath.isEmpty() ? RunStore::defaultPath() : options.dbPath);
    return contaminationLines(store, outcome.experimentId);
  } catch (const std::exception&) {
    return {};
  }
}

void printOutcome(QTextStream& out, const QString& experiment, const ExperimentOutcome& outcome,
                  double effect) {
  out << "\n"
      << experiment << " (experiment " << outcome.experimentId << ", " << outcome.status << ", "
      << outcome.device << ")\n";
  printGainTable(out, outcome.gains, effect);
  for (const QString& w : outcome.warnings) out << "warning: " << w << "\n";
  out.flush();
}

}  // namespace

int runExperiment(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Run an experiment: both arms, every target and seed."));
  parser.addPositionalArgument(QStringLiteral("experiment"), QStringLiteral("the experiment YAML"));
  parser.addOption(
      {QStringLiteral("db"), QStringLiteral("SQLite run store"), QStringLiteral("path")});
  parser.addOption(
      {QStringLiteral("data-dir"), QStringLiteral("dataset cache"), QStringLiteral("dir")});
  parser.addOption({QStringLiteral("device"), QStringLiteral("auto, cpu or cuda"),
                    QStringLiteral("device"), QStringLiteral("auto")});
  parser.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads (0: all cores)"),
                    QStringLiteral("n"), QStringLiteral("0")});
  parser.addOption({QStringLiteral("resume"),
                    QStringLiteral("continue stored experiment ID (same YAML): finished runs are "
                                   "kept, shared stages load from their checkpoints"),
                    QStringLiteral("id")});
  parser.addOption({QStringLiteral("json"), QStringLiteral("print one JSON object on stdout")});
  parser.addOption(effectOption());
  parser.addHelpOption();
  QTextStream err(stderr);
  if (!parser.parse(QStringList{QStringLiteral("twb run")} + args)) {
    err << "twb run: " << parser.errorText() << "\n";
    return kBadInput;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    QTextStream(stdout) << parser.helpText();
    return kOk;
  }
  if (parser.positionalArguments().size() != 1) {
    err << "twb run: give exactly one experiment YAML file\n";
    return kBadInput;
  }
  bool threadsOk = false;
  RunOptions options;
  options.dbPath = parser.value(QStringLiteral("db"));
  options.dataDir = parser.value(QStringLiteral("data-dir"));
  options.device = parser.value(QStringLiteral("device"));
  options.threads = parser.value(QStringLiteral("threads")).toInt(&threadsOk);
  if (!threadsOk || options.threads < 0) {
    err << "twb run: --threads wants a whole number >= 0\n";
    return kBadInput;
  }
  if (parser.isSet(QStringLiteral("resume"))) {
    options.resumeExperimentId = parser.value(QStringLiteral("resume")).toLongLong();
    if (options.resumeExperimentId <= 0) {
      err << "twb run: --resume wants a stored experiment id (see twb runs)\n";
      return kBadInput;
    }
  }
  const bool json = parser.isSet(QStringLiteral("json"));
  const double effect = effectOf(parser, err);
  if (std::isnan(effect)) return kBadInput;

  ExperimentOutcome outcome;
  ExperimentSpec spec;
  try {
    spec = loadExperiment(parser.positionalArguments().front());
    installCancelHandler();
    TerminalProgress progress(json);
    outcome = Engine::run(spec, options, progress);
    progress.finish();
  } catch (const InputError& e) {
    err << "twb: error: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    err << "twb: run failed: " << e.what() << "\n";
    return kRunFailed;
  }
  QTextStream out(stdout);
  if (json)
    out << QJsonDocument(toJson(spec, outcome, effect, contaminationOf(options, outcome)))
               .toJson(QJsonDocument::Compact)
        << "\n";
  else
    printOutcome(out, spec.name, outcome, effect);
  if (vocab::is(outcome.status, vocab::RunStatus::Failed)) {
    err << "twb: run failed: " << outcome.error << "\n";
    return kRunFailed;
  }
  if (vocab::is(outcome.status, vocab::RunStatus::Interrupted)) {
    if (outcome.experimentId > 0)
      err << "twb: interrupted; every stored point is kept. Resume with: twb run "
          << parser.positionalArguments().front() << " --resume " << outcome.experimentId
          << (options.dbPath.isEmpty() ? QString() : QStringLiteral(" --db ") + options.dbPath)
          << "\n";
    return kInterrupted;
  }
  return vocab::is(outcome.status, vocab::RunStatus::Finished) ? kOk : kRunFailed;
}

}  // namespace twb::cli

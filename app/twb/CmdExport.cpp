// CmdExport: `twb export`: a store's results, metric points, per-example predictions or gains
// as CSV.
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include "Commands.h"
#include "ExperimentLookup.h"
#include "StoreCommand.h"
#include "common/InputError.h"
#include "experiment/GainsCsv.h"
#include "experiment/StoredGains.h"
#include "store/ResolvedSettings.h"
#include "store/ResultsCsv.h"
#include "store/RunStore.h"

namespace twb::cli {
namespace {

// Why file must not be written over (empty: it may): an export never replaces a database (the
// run store itself, by a slip of --csv and --db) nor writes into a device or a FIFO.
QString whyNotAnOutput(const QString& file) {
  const QFileInfo info(file);
  if (!info.exists()) return {};
  if (!info.isFile()) return QStringLiteral("is not a regular file; an export writes a new file");
  QFile existing(file);
  if (existing.open(QIODevice::ReadOnly) && existing.read(16).startsWith("SQLite format 3"))
    return QStringLiteral("is a SQLite database (a run store?); an export never writes over one");
  return {};
}

}  // namespace

int exportResults(const QStringList& args) {
  Command command(QStringLiteral("export"));
  command.parser().setApplicationDescription(QStringLiteral(
      "Write the results of every run as CSV (experiment, run, arm, target, seed, split, "
      "metric, value, precision, bucketing), or with --points every metric point instead "
      "(experiment, run, stage, seed, step, epoch, wall_time, name, value), or with "
      "--predictions FILE every test example's prediction (experiment, run, arm, target, seed, "
      "part, index, text_sha256, gold, predicted, probability)."));
  command.parser().addPositionalArgument(QStringLiteral("experiment"),
                                         QStringLiteral("only this experiment (id or name)"),
                                         QStringLiteral("[EXPERIMENT]"));
  command.parser().addOption({QStringLiteral("csv"),
                              QStringLiteral("the CSV file to write ('-': stdout)"),
                              QStringLiteral("file")});
  command.parser().addOption({QStringLiteral("predictions"),
                              QStringLiteral("write per-example predictions to this CSV file"),
                              QStringLiteral("file")});
  command.parser().addOption(
      {QStringLiteral("gains"),
       QStringLiteral("write the experiment's gains per target (n, intervals, p, verdict, "
                      "precision, bucketing) to this CSV file"),
       QStringLiteral("file")});
  command.parser().addOption(experimentOption());
  command.parser().addOption(
      {QStringLiteral("points"), QStringLiteral("write the metric points instead of results")});
  if (const int done = command.parse(args, -1); done >= 0) return done;
  const QStringList positionals = command.parser().positionalArguments();
  const bool predictions = command.parser().isSet(QStringLiteral("predictions"));
  const bool gains = command.parser().isSet(QStringLiteral("gains"));
  const bool points = command.parser().isSet(QStringLiteral("points"));
  // One file per call: two output options would leave one of them silently unwritten.
  if (int(predictions) + int(gains) + int(command.parser().isSet(QStringLiteral("csv"))) > 1 ||
      (points && (predictions || gains))) {
    command.err() << "twb export: give one of --csv FILE [--points], --predictions FILE or "
                     "--gains FILE per call\n";
    return kBadInput;
  }
  const QString file = command.parser().value(predictions ? QStringLiteral("predictions")
                                              : gains     ? QStringLiteral("gains")
                                                          : QStringLiteral("csv"));
  if (file.isEmpty()) {
    command.err() << "twb export: --csv FILE, --predictions FILE or --gains FILE is required\n";
    return kBadInput;
  }
  if (positionals.size() > 1) {
    command.err() << "twb export: at most one EXPERIMENT; see twb export --help\n";
    return kBadInput;
  }
  try {
    const std::unique_ptr<RunStore> store = command.open();
    if (!store) return command.noDatabase();
    QVector<ExperimentRecord> chosen;
    if (!chooseExperiments(command, *store, &chosen)) return kBadInput;
    qint64 experiment =
        command.parser().isSet(QStringLiteral("experiment")) ? chosen.front().id : 0;
    if (!positionals.isEmpty()) experiment = resolveExperiment(*store, positionals.front());
    if (gains && experiment == 0) {
      command.err() << "twb export: --gains needs the EXPERIMENT (id or name)\n";
      return kBadInput;
    }
    auto write = [&](QTextStream& out) {
      if (gains)
        return writeGainsCsv(gainsFromStore(*store, experiment),
                             resolvedSettings(*store, experiment), out);
      if (predictions) return writePredictionsCsv(*store, experiment, out);
      return points ? writePointsCsv(*store, experiment, out)
                    : writeResultsCsv(*store, experiment, out);
    };
    if (file == QLatin1String("-")) {
      QTextStream out(stdout);
      write(out);
      return kOk;
    }
    if (const QString why = whyNotAnOutput(file); !why.isEmpty()) {
      command.err() << "twb export: " << file << ": " << why << '\n';
      return kBadInput;
    }
    QSaveFile save(file);  // written beside, renamed into place when complete
    if (!save.open(QIODevice::WriteOnly)) {
      command.err() << "twb export: cannot write " << file << ": " << save.errorString() << '\n';
      return kBadInput;
    }
    QTextStream out(&save);
    const qint64 rows = write(out);
    out.flush();
    if (out.status() != QTextStream::Ok || !save.commit()) {
      command.err() << "twb export: cannot write " << file << ": " << save.errorString() << '\n';
      return kRunFailed;
    }
    QTextStream(stdout) << "wrote " << rows
                        << (gains         ? " targets' gains"
                            : predictions ? " predictions"
                            : points      ? " metric points"
                                          : " results")
                        << " to " << file << '\n';
    return kOk;
  } catch (const InputError& error) {
    command.err() << "twb export: " << error.what() << '\n';
    return kBadInput;
  } catch (const RunError& error) {
    return command.failed(error);
  }
}

}  // namespace twb::cli

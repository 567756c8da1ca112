// CmdRuns: `twb runs` and `twb show RUN | --experiment`: reading the run store.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <memory>

#include "CliFormat.h"
#include "Commands.h"
#include "ExperimentGains.h"
#include "ExperimentLookup.h"
#include "GainTable.h"
#include "StoreCommand.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "store/ResolvedSettings.h"
#include "store/RunStore.h"

namespace twb::cli {
namespace {

using Table = QList<QStringList>;  // the first row is the header

QString number(double value) {
  return std::isnan(value) ? QStringLiteral("nan") : QString::number(value, 'f', 4);
}

QString time(const QDateTime& when) {
  return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

QJsonValue jsonTime(const QDateTime& when) {
  return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject resultJson(const ResultRecord& r) {
  return {{QStringLiteral("split"), r.split},
          {QStringLiteral("metric"), r.metric},
          {QStringLiteral("value"), r.value}};  // NaN is written as null
}

QJsonObject runJson(const RunRecord& r, const QVector<ResultRecord>& results) {
  QJsonArray scores;
  for (const ResultRecord& result : results) scores.append(resultJson(result));
  QJsonObject o{{QStringLiteral("id"), r.id},
                {QStringLiteral("experiment"), r.experimentId},
                {QStringLiteral("arm"), r.arm},
                {QStringLiteral("target"), r.target},
                {QStringLiteral("seed"), r.seed},
                {QStringLiteral("status"), r.status},
                {QStringLiteral("started"), jsonTime(r.started)},
                {QStringLiteral("finished"), jsonTime(r.finished)},
                {QStringLiteral("results"), scores}};
  if (!r.error.isEmpty()) o[QStringLiteral("error")] = r.error;
  return o;
}

QJsonObject experimentJson(const ExperimentRecord& e) {
  return {{QStringLiteral("id"), e.id},
          {QStringLiteral("name"), e.name},
          {QStringLiteral("status"), e.status},
          {QStringLiteral("created"), jsonTime(e.created)},
          {QStringLiteral("yaml_hash"), e.yamlHash},
          {QStringLiteral("resolved"), resolvedSettingsJson(resolvedSettings(e))}};
}

// "accuracy 0.8125; f1 0.7900" from a run's results on the test split, or "-".
QString testScores(const QVector<ResultRecord>& results) {
  QStringList scores;
  for (const ResultRecord& r : results)
    if (r.split == QLatin1String("test")) scores << r.metric + QLatin1Char(' ') + number(r.value);
  return scores.isEmpty() ? QStringLiteral("-") : scores.join(QStringLiteral("; "));
}

void printExperiments(QTextStream& out, const RunStore& store,
                      const QVector<ExperimentRecord>& experiments) {
  if (experiments.isEmpty()) out << "no experiments in " << store.path() << '\n';
  for (const ExperimentRecord& e : experiments) {
    out << "experiment " << e.id << "  " << e.name << "  " << e.status << "  created "
        << time(e.created) << "  yaml " << e.yamlHash.left(12) << "  "
        << describeResolvedSettings(resolvedSettings(e)) << '\n';
    if (vocab::is(e.status, vocab::RunStatus::Interrupted))
      out << "  interrupted, resumable: twb run EXPERIMENT.yaml --resume " << e.id
          << " (the same file)\n";
    QHash<qint64, QVector<ResultRecord>> results;
    for (const ResultRecord& r : store.results(e.id)) results[r.runId].append(r);
    Table table{{QStringLiteral("RUN"), QStringLiteral("ARM"), QStringLiteral("TARGET"),
                 QStringLiteral("SEED"), QStringLiteral("STATUS"), QStringLiteral("TEST")}};
    for (const RunRecord& r : store.runs(e.id))
      table.append({QString::number(r.id), r.arm, r.target, QString::number(r.seed), r.status,
                    testScores(results.value(r.id))});
    if (table.size() == 1)
      out << "  (no runs)\n";
    else
      printTable(out, table, QStringLiteral("  "));
    out << '\n';
  }
}

QJsonObject experimentsJson(const RunStore& store, const QVector<ExperimentRecord>& experiments) {
  QJsonArray list;
  for (const ExperimentRecord& e : experiments) {
    QHash<qint64, QVector<ResultRecord>> results;
    for (const ResultRecord& r : store.results(e.id)) results[r.runId].append(r);
    QJsonArray runs;
    for (const RunRecord& r : store.runs(e.id)) runs.append(runJson(r, results.value(r.id)));
    QJsonObject o = experimentJson(e);
    o[QStringLiteral("runs")] = runs;
    list.append(o);
  }
  return {{QStringLiteral("database"), store.path()}, {QStringLiteral("experiments"), list}};
}

QString stageLine(const StageRecord& s, qint64 points) {
  return QStringLiteral("stage %1  %2  seed %3%4  %5  %6 point%7  %8 .. %9")
      .arg(s.id)
      .arg(s.name)
      .arg(s.seed)
      .arg(s.runId == 0 ? QStringLiteral(" (shared)") : QString())
      .arg(s.status)
      .arg(points)
      .arg(points == 1 ? QString() : QStringLiteral("s"))
      .arg(time(s.started), time(s.finished));
}

void printRun(QTextStream& out, const RunStore& store, const RunRecord& run) {
  const std::optional<ExperimentRecord> e = store.experiment(run.experimentId);
  out << "run " << run.id << " of experiment " << run.experimentId << "  "
      << (e ? e->name : QString()) << '\n';
  Table fields{{QStringLiteral("arm"), run.arm},
               {QStringLiteral("target"), run.target},
               {QStringLiteral("seed"), QString::number(run.seed)},
               {QStringLiteral("status"), run.status},
               {QStringLiteral("started"), time(run.started)},
               {QStringLiteral("finished"), time(run.finished)}};
  if (!run.error.isEmpty()) fields.append({QStringLiteral("error"), run.error});
  printTable(out, fields, QStringLiteral("  "));

  out << "\nstages\n";
  const QVector<StageRecord> stages = store.stagesOfRun(run.id);
  if (stages.isEmpty()) out << "  (none)\n";
  for (const StageRecord& s : stages) {
    const QVector<SeriesSummary> series = store.seriesSummaries(s.id);
    qint64 points = 0;
    Table table{{QStringLiteral("SERIES"), QStringLiteral("POINTS"), QStringLiteral("STEPS"),
                 QStringLiteral("LAST"), QStringLiteral("MIN"), QStringLiteral("MAX")}};
    for (const SeriesSummary& m : series) {
      points += m.count;
      table.append({m.name, QString::number(m.count),
                    QStringLiteral("%1..%2").arg(m.firstStep).arg(m.lastStep), number(m.last),
                    number(m.min), number(m.max)});
    }
    out << "  " << stageLine(s, points) << '\n';
    if (!series.isEmpty()) printTable(out, table, QStringLiteral("    "));
  }

  out << "\nresults\n";
  Table results{{QStringLiteral("SPLIT"), QStringLiteral("METRIC"), QStringLiteral("VALUE")}};
  for (const ResultRecord& r : store.resultsOfRun(run.id))
    results.append({r.split, r.metric, number(r.value)});
  if (results.size() == 1)
    out << "  (none)\n";
  else
    printTable(out, results, QStringLiteral("  "));
}

QJsonObject runDetailJson(const RunStore& store, const RunRecord& run) {
  QJsonArray stages;
  for (const StageRecord& s : store.stagesOfRun(run.id)) {
    QJsonArray series;
    qint64 points = 0;
    for (const SeriesSummary& m : store.seriesSummaries(s.id)) {
      points += m.count;
      series.append(QJsonObject{{QStringLiteral("name"), m.name},
                                {QStringLiteral("points"), m.count},
                                {QStringLiteral("first_step"), m.firstStep},
                                {QStringLiteral("last_step"), m.lastStep},
                                {QStringLiteral("last"), m.last},
                                {QStringLiteral("min"), m.min},
                                {QStringLiteral("max"), m.max}});
    }
    stages.append(QJsonObject{{QStringLiteral("id"), s.id},
                              {QStringLiteral("name"), s.name},
                              {QStringLiteral("seed"), s.seed},
                              {QStringLiteral("shared"), s.runId == 0},
                              {QStringLiteral("status"), s.status},
                              {QStringLiteral("started"), jsonTime(s.started)},
                              {QStringLiteral("finished"), jsonTime(s.finished)},
                              {QStringLiteral("points"), points},
                              {QStringLiteral("series"), series}});
  }
  QJsonObject o = runJson(run, store.resultsOfRun(run.id));
  if (const auto e = store.experiment(run.experimentId))
    o[QStringLiteral("experiment")] = experimentJson(*e);
  o[QStringLiteral("stages")] = stages;
  return o;
}

}  // namespace

int listRuns(const QStringList& args) {
  Command command(QStringLiteral("runs"));
  command.parser().setApplicationDescription(QStringLiteral("Stored experiments and their runs."));
  command.parser().addOption(experimentOption());
  command.parser().addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
  if (const int done = command.parse(args, 0); done >= 0) return done;
  try {
    const std::unique_ptr<RunStore> store = command.open();
    if (!store) return command.noDatabase();
    QVector<ExperimentRecord> experiments;
    if (!chooseExperiments(command, *store, &experiments)) return kBadInput;
    QTextStream out(stdout);
    if (command.parser().isSet(QStringLiteral("json")))
      out << QJsonDocument(experimentsJson(*store, experiments)).toJson(QJsonDocument::Indented);
    else
      printExperiments(out, *store, experiments);
    return kOk;
  } catch (const std::exception& error) {  // InputError (not a run store): 2; otherwise 1
    return command.failed(error);
  }
}

int showRun(const QStringList& args) {
  Command command(QStringLiteral("show"));
  command.parser().setApplicationDescription(QStringLiteral(
      "One run: its record, stages, metric series and results. With --experiment: the "
      "experiment's transfer gains with intervals, tests, verdicts and the power hint."));
  command.parser().addPositionalArgument(QStringLiteral("run"), QStringLiteral("the run id"),
                                         QStringLiteral("[RUN]"));
  command.parser().addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
  command.parser().addOption({QStringLiteral("experiment"),
                              QStringLiteral("show this experiment's gains (id or name)"),
                              QStringLiteral("experiment")});
  command.parser().addOption(effectOption());
  const bool gains = args.contains(QStringLiteral("--experiment")) ||
                     std::any_of(args.begin(), args.end(), [](const QString& a) {
                       return a.startsWith(QStringLiteral("--experiment="));
                     });
  // QCommandLineParser reads "-1" as an unknown option "1": say what is wrong with the id.
  static const QRegularExpression negative(QStringLiteral("^-[0-9]+$"));
  if (!gains && !command.parser().parse(QStringList{QStringLiteral("twb show")} + args))
    for (const QString& arg : args)
      if (negative.match(arg).hasMatch()) {
        command.err() << "twb show: the run id must be a positive number, not '" << arg
                      << "' (see twb runs)\n";
        return kBadInput;
      }
  if (const int done = command.parse(args, gains ? 0 : 1); done >= 0) return done;
  const bool json = command.parser().isSet(QStringLiteral("json"));
  // The id is checked before the store is opened: a bad id needs no store.
  const qint64 id =
      gains ? 0 : command.id(command.parser().positionalArguments().front(), "the run id");
  if (!gains && id == 0) return kBadInput;
  try {
    const std::unique_ptr<RunStore> store = command.open();
    if (!store) return command.noDatabase();
    QTextStream out(stdout);
    if (gains) {
      const double effect = effectOf(command.parser(), command.err());
      if (std::isnan(effect)) return kBadInput;
      const qint64 experiment =
          resolveExperiment(*store, command.parser().value(QStringLiteral("experiment")));
      printExperimentGains(out, *store, experiment, json, effect);
      return kOk;
    }
    const std::optional<RunRecord> run = store->run(id);
    if (!run) {
      command.err() << "twb show: no run " << id << " in " << store->path() << " (see twb runs)\n";
      return kBadInput;
    }
    if (json)
      out << QJsonDocument(runDetailJson(*store, *run)).toJson(QJsonDocument::Indented);
    else
      printRun(out, *store, *run);
    return kOk;
  } catch (const std::exception& error) {  // InputError (not a run store, no experiment): 2
    return command.failed(error);
  }
}

}  // namespace twb::cli

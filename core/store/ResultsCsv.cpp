#include "store/ResultsCsv.h"

#include <QHash>
#include <QLocale>
#include <QStringList>

#include "store/ResolvedSettings.h"
#include "store/RunStore.h"

namespace twb {
namespace {

QVector<ExperimentRecord> chosenExperiments(const RunStore& store, qint64 experimentId) {
  if (experimentId == 0) return store.experiments();
  if (auto one = store.experiment(experimentId)) return {*one};
  return {};
}

}  // namespace

void writeCsvRow(QTextStream& out, const QStringList& fields) {
  for (qsizetype i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << csvField(fields[i]);
  }
  out << '\n';
}

QString csvField(const QString& text) {
  const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                     text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')) ||
                     text.startsWith(QLatin1Char(' ')) || text.endsWith(QLatin1Char(' '));
  if (!quote) return text;
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value) {
  return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QStringList resolvedSettingsHeader() {
  return {QStringLiteral("precision"), QStringLiteral("bucketing")};
}

QStringList resolvedSettingsCells(const ResolvedSettings& settings) {
  return {settings.precision,
          settings.bucketing ? QStringLiteral("true") : QStringLiteral("false")};
}

qint64 writeResultsCsv(const RunStore& store, qint64 experimentId, QTextStream& out) {
  writeCsvRow(
      out, QStringList{QStringLiteral("experiment"), QStringLiteral("run"), QStringLiteral("arm"),
                       QStringLiteral("target"), QStringLiteral("seed"), QStringLiteral("split"),
                       QStringLiteral("metric"), QStringLiteral("value")} +
               resolvedSettingsHeader());
  qint64 rows = 0;
  for (const ExperimentRecord& experiment : chosenExperiments(store, experimentId)) {
    const QStringList settings = resolvedSettingsCells(resolvedSettings(experiment));
    QHash<qint64, RunRecord> runs;
    for (const RunRecord& run : store.runs(experiment.id)) runs.insert(run.id, run);
    for (const ResultRecord& result : store.results(experiment.id)) {
      const RunRecord run = runs.value(result.runId);
      writeCsvRow(out, QStringList{QString::number(experiment.id), QString::number(run.id), run.arm,
                                   run.target, QString::number(run.seed), result.split,
                                   result.metric, csvNumber(result.value)} +
                           settings);
      ++rows;
    }
  }
  return rows;
}

qint64 writePointsCsv(const RunStore& store, qint64 experimentId, QTextStream& out) {
  writeCsvRow(out, {QStringLiteral("experiment"), QStringLiteral("run"), QStringLiteral("stage"),
                    QStringLiteral("seed"), QStringLiteral("step"), QStringLiteral("epoch"),
                    QStringLiteral("wall_time"), QStringLiteral("name"), QStringLiteral("value")});
  qint64 rows = 0;
  for (const ExperimentRecord& experiment : chosenExperiments(store, experimentId)) {
    for (const StageRecord& stage : store.stages(experiment.id)) {
      const QString run = stage.runId == 0 ? QString() : QString::number(stage.runId);
      for (const MetricPoint& point : store.points(stage.id)) {
        writeCsvRow(out,
                    {QString::number(experiment.id), run, stage.name, QString::number(stage.seed),
                     QString::number(point.step), csvNumber(point.epoch), csvNumber(point.wallTime),
                     point.name, csvNumber(point.value)});
        ++rows;
      }
    }
  }
  return rows;
}

qint64 writePredictionsCsv(const RunStore& store, qint64 experimentId, QTextStream& out) {
  writeCsvRow(out, {QStringLiteral("experiment"), QStringLiteral("run"), QStringLiteral("arm"),
                    QStringLiteral("target"), QStringLiteral("seed"), QStringLiteral("part"),
                    QStringLiteral("index"), QStringLiteral("text_sha256"), QStringLiteral("gold"),
                    QStringLiteral("predicted"), QStringLiteral("probability")});
  qint64 rows = 0;
  for (const ExperimentRecord& experiment : chosenExperiments(store, experimentId)) {
    QHash<qint64, RunRecord> runs;
    for (const RunRecord& run : store.runs(experiment.id)) runs.insert(run.id, run);
    for (const PredictionRecord& p : store.predictions(experiment.id)) {
      const RunRecord run = runs.value(p.runId);
      writeCsvRow(out, {QString::number(experiment.id), QString::number(run.id), run.arm,
                        run.target, QString::number(run.seed), p.part, QString::number(p.index),
                        p.textHash, csvNumber(p.gold), csvNumber(p.predicted),
                        std::isnan(p.probability) ? QString() : csvNumber(p.probability)});
      ++rows;
    }
  }
  return rows;
}

}  // namespace twb

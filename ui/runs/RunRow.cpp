#include "runs/RunRow.h"

#include <algorithm>
#include <cmath>

#include "common/Vocabulary.h"
#include "store/RunStore.h"

namespace twb {
namespace {

bool sameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool sameRecord(const RunRecord& a, const RunRecord& b) {
  return a.id == b.id && a.experimentId == b.experimentId && a.arm == b.arm &&
         a.target == b.target && a.seed == b.seed && a.status == b.status && a.error == b.error &&
         a.started == b.started && a.finished == b.finished;
}

const SeriesSummary* findSeries(const QVector<SeriesSummary>& series, const QString& name) {
  for (const SeriesSummary& s : series)
    if (s.name == name) return &s;
  return nullptr;
}

// The dev series to summarize: the one of the primary metric, else the first dev score.
const SeriesSummary* devSeries(const QVector<SeriesSummary>& series, const QString& primary) {
  if (!primary.isEmpty())
    if (const SeriesSummary* s = findSeries(series, QStringLiteral("dev_") + primary)) return s;
  for (const char* name : {"dev_accuracy", "dev_pearson"})
    if (const SeriesSummary* s = findSeries(series, QString::fromLatin1(name))) return s;
  for (const SeriesSummary& s : series)
    if (s.name.startsWith(QLatin1String("dev_")) && s.name != QLatin1String("dev_loss")) return &s;
  return nullptr;
}

}  // namespace

bool RunRow::operator==(const RunRow& o) const {
  return sameRecord(run, o.run) && experimentName == o.experimentName &&
         primaryMetric == o.primaryMetric && sameNumber(testPrimary, o.testPrimary) &&
         sameNumber(testMacroF1, o.testMacroF1) && sameNumber(trainLossBest, o.trainLossBest) &&
         sameNumber(trainLossLast, o.trainLossLast) && devMetric == o.devMetric &&
         sameNumber(devBest, o.devBest) && sameNumber(devLast, o.devLast) && steps == o.steps;
}

bool isLiveStatus(const QString& status) {
  return vocab::is(status, vocab::RunStatus::Pending) ||
         vocab::is(status, vocab::RunStatus::Running);
}

RunRow readRunRow(const RunStore& store, const RunRecord& run, const QString& experimentName,
                  const QVector<ResultRecord>& results) {
  RunRow row;
  row.run = run;
  row.experimentName = experimentName;
  for (const ResultRecord& r : results) {
    if (r.split == QLatin1String("test")) {
      if (r.metric == QLatin1String("pearson") ||
          (r.metric == QLatin1String("accuracy") && row.primaryMetric.isEmpty())) {
        row.primaryMetric = r.metric;
        row.testPrimary = r.value;
      } else if (r.metric == QLatin1String("macro_f1")) {
        row.testMacroF1 = r.value;
      }
    } else if (r.split == QLatin1String("train") && r.metric == QLatin1String("steps")) {
      row.steps = std::llround(r.value);
    }
  }

  // The run's own target stage carries its curves (shared stages belong to several runs).
  qint64 targetStage = 0;
  for (const StageRecord& stage : store.stagesOfRun(run.id))
    if (stage.runId == run.id && vocab::is(stage.name, vocab::Stage::Target))
      targetStage = stage.id;
  if (targetStage == 0) return row;

  const QVector<SeriesSummary> series = store.seriesSummaries(targetStage);
  if (const SeriesSummary* loss = findSeries(series, QStringLiteral("train_loss"))) {
    row.trainLossBest = loss->min;
    row.trainLossLast = loss->last;
  }
  if (const SeriesSummary* dev = devSeries(series, row.primaryMetric)) {
    row.devMetric = dev->name;
    row.devBest = dev->max;
    row.devLast = dev->last;
    if (row.primaryMetric.isEmpty() &&
        (dev->name == QLatin1String("dev_accuracy") || dev->name == QLatin1String("dev_pearson")))
      row.primaryMetric = dev->name.mid(4);
  }
  if (row.steps < 0) {
    for (const SeriesSummary& s : series)
      if (s.count > 0) row.steps = std::max(row.steps, s.lastStep);
  }
  return row;
}

QVector<RunRow> readRunRows(const RunStore& store,
                            const QHash<qint64, ExperimentRecord>& experiments,
                            const QHash<qint64, RunRow>& previous) {
  // Runs to read again: new ones, live ones, and any whose record changed.
  const QVector<RunRecord> runs = store.runs(0);
  QVector<bool> reuse(runs.size(), false);
  int toRead = 0;
  for (qsizetype i = 0; i < runs.size(); ++i) {
    const auto cached = previous.constFind(runs[i].id);
    reuse[i] = cached != previous.constEnd() && !isLiveStatus(cached->run.status) &&
               sameRecord(cached->run, runs[i]);
    if (!reuse[i]) ++toRead;
  }
  // Many runs to read (the first load): one query for every result beats one per run.
  constexpr int kBulkResults = 16;
  QHash<qint64, QVector<ResultRecord>> resultsByRun;
  if (toRead > kBulkResults)
    for (const ResultRecord& r : store.results(0)) resultsByRun[r.runId].append(r);

  QVector<RunRow> rows;
  rows.reserve(runs.size());
  for (qsizetype i = 0; i < runs.size(); ++i) {
    const RunRecord& run = runs[i];
    if (reuse[i]) {
      rows.append(previous.value(run.id));
      continue;
    }
    const QVector<ResultRecord> results =
        toRead > kBulkResults ? resultsByRun.value(run.id) : store.resultsOfRun(run.id);
    rows.append(readRunRow(store, run, experiments.value(run.experimentId).name, results));
  }
  return rows;
}

}  // namespace twb

#include "experiment/StoredGains.h"

#include <QHash>

#include "common/Vocabulary.h"
#include "config/ExperimentLoader.h"
#include "data/Catalog.h"
#include "experiment/ExampleScores.h"

namespace twb {
namespace {

const QString kTest = QStringLiteral("test");

// The primary metric of each target: the first of retrieval, pearson, accuracy its runs report.
std::map<QString, QString> primaryMetrics(const QHash<qint64, RunRecord>& runs,
                                          const QVector<ResultRecord>& results) {
  static const QStringList preference = {QStringLiteral("retrieval"), QStringLiteral("pearson"),
                                         QStringLiteral("accuracy")};
  std::map<QString, int> best;
  for (const ResultRecord& r : results) {
    const int rank = preference.indexOf(r.metric);
    if (r.split != kTest || rank < 0 || !runs.contains(r.runId)) continue;
    const QString& target = runs.value(r.runId).target;
    const auto it = best.find(target);
    if (it == best.end() || rank < it->second) best[target] = rank;
  }
  std::map<QString, QString> metric;
  for (const auto& [target, rank] : best) metric[target] = preference[rank];
  return metric;
}

// An experiment's runs by id, its targets in order, its results and each target's metric.
struct StoredRuns {
  QHash<qint64, RunRecord> runs;
  QStringList order;
  QVector<ResultRecord> results;
  std::map<QString, QString> metricOf;

  StoredRuns(const RunStore& store, qint64 experimentId) : results(store.results(experimentId)) {
    for (const RunRecord& run : store.runs(experimentId)) {
      runs.insert(run.id, run);
      if (!order.contains(run.target)) order << run.target;
    }
    metricOf = primaryMetrics(runs, results);
  }
};

// Target name -> language: the target's own, or its single-language catalog dataset's.
std::map<QString, QString> languagesOf(const RunStore& store, qint64 experimentId) {
  std::map<QString, QString> language;
  for (const auto& [name, t] : storedTargets(store, experimentId)) {
    QString code = t.language();
    if (const auto entry = Catalog::find(t.dataset.id);
        code.isEmpty() && !t.dataset.isFile() && entry && entry->languages.size() == 1)
      code = entry->languages.front();
    language[name] = code;
  }
  return language;
}

}  // namespace

std::map<QString, TargetSpec> storedTargets(const RunStore& store, qint64 experimentId) {
  std::map<QString, TargetSpec> targets;
  const auto experiment = store.experiment(experimentId);
  if (!experiment) return targets;
  try {
    for (const TargetSpec& t : parseExperiment(experiment->yamlText, QString()).targets)
      targets[t.name()] = t;
  } catch (const std::exception&) {
    // A YAML the current loader no longer reads: the gains stand without languages.
  }
  return targets;
}

QVector<TargetGain> gainsFromStore(const RunStore& store, qint64 experimentId) {
  const StoredRuns stored(store, experimentId);
  const auto& [runs, order, results, metricOf] = stored;
  std::map<QString, TargetScores> byTarget;
  for (const QString& name : order) {
    TargetScores& t = byTarget[name];
    t.target = name;
    if (const auto m = metricOf.find(name); m != metricOf.end()) t.metric = m->second;
  }
  QHash<qint64, double> items;  // retrieval pool size by run
  for (const ResultRecord& r : results) {
    const auto run = runs.constFind(r.runId);
    if (run == runs.constEnd() || r.split != kTest) continue;
    if (r.metric == QLatin1String("items")) items[r.runId] = r.value;
    TargetScores& t = byTarget[run->target];
    if (r.metric != t.metric) continue;
    (vocab::is(run->arm, vocab::Arm::Transfer) ? t.transfer : t.baseline)[run->seed] = r.value;
  }
  addExamples(byTarget, runs, store.predictions(experimentId), items);
  std::vector<TargetScores> ordered;
  for (const QString& name : order) ordered.push_back(byTarget[name]);
  QVector<TargetGain> gains = computeGains(ordered);
  const auto languages = languagesOf(store, experimentId);
  for (TargetGain& g : gains)
    if (const auto it = languages.find(g.target); it != languages.end()) g.language = it->second;
  return gains;
}

QVector<TransferGap> gapsFromStore(const RunStore& store, qint64 experimentId) {
  const StoredRuns stored(store, experimentId);
  const auto& [runs, order, results, metricOf] = stored;
  // run -> (english, target) score on the primary metric
  QHash<qint64, double> english, target;
  for (const ResultRecord& r : results) {
    if (!runs.contains(r.runId)) continue;
    const auto metric = metricOf.find(runs.value(r.runId).target);
    if (metric == metricOf.end() || r.metric != metric->second) continue;
    if (r.split == QLatin1String("source_test")) english[r.runId] = r.value;
    if (r.split == kTest) target[r.runId] = r.value;
  }
  QVector<TransferGap> gaps;
  for (const QString& name : order) {
    std::vector<double> base, transfer;
    for (const RunRecord& run : runs)
      if (run.target == name && english.contains(run.id) && target.contains(run.id))
        (vocab::is(run.arm, vocab::Arm::Baseline) ? base : transfer)
            .push_back(english[run.id] - target[run.id]);
    if (base.empty() && transfer.empty()) continue;
    gaps.push_back({name, stats::summarize(base), stats::summarize(transfer)});
  }
  return gaps;
}

}  // namespace twb

#include "experiment/TargetScores.h"

#include "common/InputError.h"
#include "experiment/TestPredictions.h"
#include "plugin/PluginRegistry.h"
#include "train/Retrieval.h"

namespace twb {
namespace {

// The task plugin's metrics, checked: a name that is empty, repeated, or one the workbench
// stores itself (loss, accuracy, best_...) throws RunError naming the plugin, as does score()
// throwing.
QList<QPair<QString, double>> pluginScores(const sdk::Task& plugin, const Evaluation& scored,
                                           const QStringList& labels) {
  const QString who = QStringLiteral("task plugin '%1'").arg(plugin.name());
  QList<QPair<QString, double>> scores;
  try {
    scores = plugin.score(scored.gold, scored.predicted, labels);
  } catch (const std::exception& e) {
    throw RunError(QStringLiteral("%1: score() threw: %2")
                       .arg(who, QString::fromUtf8(e.what()))
                       .toStdString());
  } catch (...) {
    throw RunError(QStringLiteral("%1: score() threw").arg(who).toStdString());
  }
  QStringList seen;
  for (const auto& [name, value] : scores) {
    const bool own = name == QLatin1String("loss") || scored.scores.count(name) > 0 ||
                     name.startsWith(QLatin1String("best_")) ||
                     name.startsWith(QLatin1String("retrieval")) || name == QLatin1String("steps");
    const bool twice = seen.contains(name);
    if (name.trimmed().isEmpty() || name.contains(QLatin1Char('\n')) || own || twice)
      throw RunError(QStringLiteral("%1: score() returned the metric name '%2', which is %3")
                         .arg(who, name,
                              own     ? QStringLiteral("one the workbench stores itself")
                              : twice ? QStringLiteral("given twice")
                                      : QStringLiteral("empty or not one line"))
                         .toStdString());
    seen << name;
  }
  return scores;
}

}  // namespace

void storeTargetScores(RunStore& store, qint64 runId, TaskModel& model, const EncodedTask& data,
                       int seed, const BatchMaker& batches, int batchSize,
                       const FitOutcome& fitted) {
  const QString test = QStringLiteral("test");
  const Evaluation scored = evaluate(model, data.test, batches, batchSize);
  const QVector<Example>& testExamples = data.task->testSplit(seed).test;
  store.addPredictions(predictionRecords(runId, test, testExamples, scored.gold, scored.predicted,
                                         scored.probability));
  store.addResult({runId, test, QStringLiteral("loss"), scored.loss});
  for (const auto& [metric, value] : scored.scores) store.addResult({runId, test, metric, value});
  // The task's own metrics (a plugin's; built-in tasks add none), beside the workbench's, which
  // they may not replace.
  if (const sdk::Task* task = PluginRegistry::instance().task(data.task->task))
    for (const auto& [metric, value] : pluginScores(*task, scored, data.task->data.labels))
      store.addResult({runId, test, metric, value});
  store.addResult(
      {runId, QStringLiteral("dev"), QStringLiteral("best_") + scored.primaryName, fitted.bestDev});
  store.addResult(
      {runId, QStringLiteral("train"), QStringLiteral("steps"), static_cast<double>(fitted.steps)});
  if (data.task->zeroShot()) {
    // The English score too: the cross-lingual transfer gap is English minus the language.
    const QString part = QStringLiteral("source_test");
    const Evaluation source = evaluate(model, data.sourceTest, batches, batchSize);
    store.addPredictions(predictionRecords(runId, part, data.task->splits.at(seed).test,
                                           source.gold, source.predicted, source.probability));
    for (const auto& [metric, value] : source.scores) store.addResult({runId, part, metric, value});
  }
}

void storeRetrievalScores(RunStore& store, qint64 runId, TaskModel& embedder,
                          const EncodedTask& data, const BatchMaker& batches, int batchSize) {
  const QString test = QStringLiteral("test");
  const RetrievalScores scores =
      evaluateRetrieval(embedder, data.pivot, data.translations, batches, batchSize);
  store.addPredictions(retrievalRecords(runId, data.task->pairs, scores.pivotToTargetBest,
                                        scores.targetToPivotBest));
  store.addResult({runId, test, QStringLiteral("retrieval"), scores.mean()});
  store.addResult({runId, test, QStringLiteral("retrieval_en_to_x"), scores.pivotToTarget});
  store.addResult({runId, test, QStringLiteral("retrieval_x_to_en"), scores.targetToPivot});
  store.addResult({runId, test, QStringLiteral("items"), static_cast<double>(data.pivot.size())});
}

}  // namespace twb

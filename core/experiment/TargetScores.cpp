#include "experiment/TargetScores.h"

#include "experiment/TestPredictions.h"
#include "plugin/PluginRegistry.h"
#include "train/Retrieval.h"

namespace twb {

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
  // A plugin task's own metrics, beside the workbench's.
  if (const sdk::Task* plugin = PluginRegistry::instance().task(data.task->task))
    for (const auto& [metric, value] :
         plugin->score(scored.gold, scored.predicted, data.task->data.labels))
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

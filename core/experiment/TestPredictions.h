// TestPredictions: a test evaluation's per-example outputs as the rows the RunStore keeps.
#pragma once

#include <QString>
#include <QVector>
#include <vector>

#include "data/Example.h"
#include "store/Records.h"

namespace twb {

// sha256 (hex) of the example's text, and of a tab and its pair text when it has one: the same
// text gives the same hash in every run, so a test example can be traced across runs and files.
QString exampleHash(const QString& text, const QString& pair = QString());

// One row per example: gold, predicted (label index or score) and, for classifiers, the
// predicted class's probability (empty `probability` for scores).
QVector<PredictionRecord> predictionRecords(qint64 runId, const QString& part,
                                            const QVector<Example>& examples,
                                            const std::vector<double>& gold,
                                            const std::vector<double>& predicted,
                                            const std::vector<double>& probability);

// Retrieval: for each aligned item, which item the query retrieved in each direction ("test":
// English -> language, "test_reverse": language -> English); gold is the item's own index.
QVector<PredictionRecord> retrievalRecords(qint64 runId,
                                           const QVector<QPair<QString, QString>>& pairs,
                                           const std::vector<int>& pivotToTarget,
                                           const std::vector<int>& targetToPivot);

}  // namespace twb

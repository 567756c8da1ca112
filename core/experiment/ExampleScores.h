// ExampleScores: stored per-example predictions turned into what the statistics need: each
// seed's per-example values for both arms and the target's chance level.
#pragma once

#include <QHash>
#include <QString>
#include <QVector>
#include <map>

#include "experiment/Gains.h"
#include "store/Records.h"

namespace twb {

// Fills each target's examples (seeds where both arms stored predictions of the same test
// part) and its chance level: the majority class share of the test part (accuracy), 1 / pool
// (retrieval, pool from the predictions or from the run's "items" result), r = 0 (pearson).
void addExamples(std::map<QString, TargetScores>& targets, const QHash<qint64, RunRecord>& runs,
                 const QVector<PredictionRecord>& predictions, const QHash<qint64, double>& items);

}  // namespace twb

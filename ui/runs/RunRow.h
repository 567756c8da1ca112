// RunRow: one run's summary as the runs table shows it (scores, curve extremes), read from a store.
#pragma once

#include <QHash>
#include <QString>
#include <QVector>
#include <limits>

#include "store/Records.h"

namespace twb {

class RunStore;

struct RunRow {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

  RunRecord run;
  QString experimentName;
  QString primaryMetric;  // accuracy or pearson; empty while nothing tells yet
  double testPrimary = kNone;
  double testMacroF1 = kNone;
  double trainLossBest = kNone;  // minimum of the target stage's train_loss
  double trainLossLast = kNone;
  QString devMetric;       // the dev series summarized, e.g. dev_accuracy
  double devBest = kNone;  // maximum of that series
  double devLast = kNone;
  qint64 steps = -1;  // -1: unknown

  bool operator==(const RunRow& other) const;
  bool operator!=(const RunRow& other) const { return !(*this == other); }
};

// pending and running: a row that may still change.
bool isLiveStatus(const QString& status);

// Builds a run's row from its results (as stored for it) and its target stage's series.
RunRow readRunRow(const RunStore& store, const RunRecord& run, const QString& experimentName,
                  const QVector<ResultRecord>& results);

// Every run of the store, in id order, named after `experiments` (by id). A run whose status
// was already final in `previous` (and whose record is unchanged) is reused without querying.
QVector<RunRow> readRunRows(const RunStore& store,
                            const QHash<qint64, ExperimentRecord>& experiments,
                            const QHash<qint64, RunRow>& previous);

}  // namespace twb

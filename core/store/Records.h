// Records: the torch-free rows the RunStore keeps and the UI and CLI read.
#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>

#include "common/MetricPoint.h"

namespace twb {

struct ExperimentRecord {
  qint64 id = 0;
  QString name;
  QString yamlText;
  QString yamlHash;  // sha256 of yamlText
  // running | finished | failed | interrupted (stopped by the user, or its process died:
  // read as interrupted though stored as running); older stores may hold cancelled.
  QString status;
  QDateTime created;    // UTC
  QString owner;        // the process that runs or last ran it (see OwnerProcess)
  QDateTime heartbeat;  // when that process last wrote
  // JSON of the settings resolved when it started ({"precision": "bf16", "bucketing": true});
  // empty for an experiment stored before they existed.
  QString resolved;
};

// One (arm, target, seed) of an experiment. Arms: baseline, transfer.
struct RunRecord {
  qint64 id = 0;
  qint64 experimentId = 0;
  QString arm;
  QString target;
  int seed = 0;
  QString status;  // pending | running | finished | failed | interrupted (see ExperimentRecord)
  QString error;
  QDateTime started;
  QDateTime finished;
};

// A stage of training. Shared stages (pretrain, intermediate) have runId 0 and belong to
// every run of their seed that uses them.
struct StageRecord {
  qint64 id = 0;
  qint64 experimentId = 0;
  qint64 runId = 0;
  int seed = 0;
  QString name;  // pretrain | intermediate | target
  QString status;
  QDateTime started;   // set when the status first becomes running
  QDateTime finished;  // set when the status becomes finished, failed or interrupted
};

// A summary of one metric series of a stage, computed by the database.
struct SeriesSummary {
  QString name;
  qint64 count = 0;
  qint64 firstStep = 0;
  qint64 lastStep = 0;
  double last = 0;  // the value at the last step (NaN when it was NaN)
  double min = 0;   // over the non-NaN values; NaN when there are none
  double max = 0;
};

// A final score of a run on a split: ("test", "accuracy", 0.81).
struct ResultRecord {
  qint64 runId = 0;
  QString split;
  QString metric;
  double value = 0;
};

// One test example as a run scored it. Parts: "test" (the target's test part; for retrieval the
// English -> language direction, gold and predicted are item indices), "test_reverse" (retrieval,
// language -> English) and "source_test" (the English test part of a zero-shot target).
struct PredictionRecord {
  qint64 runId = 0;
  QString part;
  int index = 0;     // position in the part, the same for both arms of a seed
  QString textHash;  // sha256 (hex) of the text, a tab and the pair text when there is one
  double gold = 0;   // label index, similarity score or item index
  double predicted = 0;
  double probability = 0;  // the predicted class's probability; NaN for scores and retrieval
};

}  // namespace twb

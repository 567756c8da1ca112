// StoredGains: an experiment's transfer gains recomputed from what the RunStore holds.
#pragma once

#include <QVector>
#include <map>

#include "config/ExperimentSpec.h"
#include "experiment/Gains.h"
#include "store/RunStore.h"

namespace twb {

// Per target: the primary test metric (retrieval, pearson or accuracy, whichever the runs
// report) of each arm over seeds, the gain, and the language from the stored experiment YAML.
QVector<TargetGain> gainsFromStore(const RunStore& store, qint64 experimentId);

// The experiment's targets by name, read back from its stored YAML (empty if it no longer
// parses).
std::map<QString, TargetSpec> storedTargets(const RunStore& store, qint64 experimentId);

// Cross-lingual transfer gap per target and arm: the English (source) test score minus the
// target language's, over seeds. Only zero-shot targets store an English score.
struct TransferGap {
  QString target;
  MeanSd baseline;
  MeanSd transfer;
};
QVector<TransferGap> gapsFromStore(const RunStore& store, qint64 experimentId);

}  // namespace twb

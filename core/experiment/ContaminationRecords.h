// ContaminationRecords: the contamination check's counts kept in the run store (as results of
// split "contamination" on each run of the target and seed) and read back for `twb show`.
#pragma once

#include <QStringList>
#include <vector>

#include "experiment/Contamination.h"
#include "store/RunStore.h"

namespace twb {

// One results row per count on every run (both arms) of the count's target and seed.
void storeContamination(RunStore& store, qint64 experimentId,
                        const std::vector<ContaminationCount>& counts);

// Lines for people, one per target and seed where a test text was found in a training input
// ("uci-yelp/restaurants seed 1: 3 of 150 test examples in the pretraining text (3 dropped)"),
// or one line saying none was; empty when the experiment stored no counts.
QStringList contaminationLines(const RunStore& store, qint64 experimentId);

}  // namespace twb

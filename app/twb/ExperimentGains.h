// ExperimentGains: `twb show --experiment`: a stored experiment's gains as `twb run` printed
// them (intervals, tests, verdicts, power hint), recomputed from the run store.
#pragma once

#include <QTextStream>

#include "store/RunStore.h"

namespace twb::cli {

void printExperimentGains(QTextStream& out, const RunStore& store, qint64 experimentId, bool json,
                          double effect);

}  // namespace twb::cli

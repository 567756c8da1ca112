// ExperimentLookup: an experiment named on the command line, by id or by name.
#pragma once

#include <QString>

#include "store/RunStore.h"

namespace twb::cli {

// The experiment with that id, or the newest one with that name. Throws InputError naming the
// store when there is none.
qint64 resolveExperiment(const RunStore& store, const QString& which);

}  // namespace twb::cli

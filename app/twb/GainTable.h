// GainTable: the plain-text table of transfer gains that `twb run` prints.
#pragma once

#include <QTextStream>

#include "experiment/Engine.h"

namespace twb::cli {

void printGainTable(QTextStream& out, const QString& experiment, const ExperimentOutcome& outcome);

}  // namespace twb::cli

// GainsCsv: an experiment's transfer gains as CSV, one row per target with n beside every
// summary, both intervals, the tests and the verdict.
#pragma once

#include <QTextStream>
#include <QVector>

#include "experiment/Gains.h"

namespace twb {

// Returns the number of rows written (the header not counted).
qint64 writeGainsCsv(const QVector<TargetGain>& gains, QTextStream& out);

}  // namespace twb

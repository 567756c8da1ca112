// GainsCsv: an experiment's transfer gains as CSV, one row per target with n beside every
// summary, both intervals, the tests, the verdict and the settings the experiment resolved.
#pragma once

#include <QTextStream>
#include <QVector>

#include "experiment/Gains.h"
#include "store/ResolvedSettings.h"

namespace twb {

// The last columns, precision and bucketing, are the experiment's (ResultsCsv.h), the same on
// every row. Returns the number of rows written (the header not counted).
qint64 writeGainsCsv(const QVector<TargetGain>& gains, const ResolvedSettings& settings,
                     QTextStream& out);

}  // namespace twb

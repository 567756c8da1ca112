// StoredCurves: the curves of runs in the run store, read into the CurveStore for the loss plot.
#pragma once

#include <QList>

namespace twb {

class CurveStore;
class RunStore;

// Adds every stage of each run (origin "run 7"), in order; a stage its dead process left and a
// resume ran again is left out, so only the new curve is drawn. Unknown runs are skipped.
void addStoredRuns(const RunStore& store, const QList<qint64>& runIds, CurveStore* curves);

}  // namespace twb

// ResultsCsv: writes a store's results, or its metric points, as CSV (RFC 4180 quoting).
#pragma once

#include <QString>
#include <QTextStream>

namespace twb {

class RunStore;

// A field quoted when it holds a comma, a double quote, a line break or outer spaces.
QString csvField(const QString& text);
// A number in the shortest text that reads back to the same double ("nan", "inf" otherwise).
QString csvNumber(double value);

// Header: experiment,run,arm,target,seed,split,metric,value; one row per result.
// experimentId 0: every experiment. Returns the number of rows written.
qint64 writeResultsCsv(const RunStore& store, qint64 experimentId, QTextStream& out);

// Header: experiment,run,stage,seed,step,epoch,wall_time,name,value; one row per metric point.
// run is empty for a shared stage; stage is the stage's name. Returns the number of rows.
qint64 writePointsCsv(const RunStore& store, qint64 experimentId, QTextStream& out);

}  // namespace twb

// ResultsCsv: writes a store's results, or its metric points, as CSV (RFC 4180 quoting).
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace twb {

class RunStore;
struct ResolvedSettings;

// A field quoted when it holds a comma, a double quote, a line break or outer spaces.
QString csvField(const QString& text);
// One row of fields, each quoted as needed, and a line break.
void writeCsvRow(QTextStream& out, const QStringList& fields);
// A number in the shortest text that reads back to the same double ("nan", "inf" otherwise).
QString csvNumber(double value);

// The columns an export adds for what its experiment's settings resolved to (ResolvedSettings):
// precision (fp32 | bf16) and bucketing (true | false); an experiment stored before they were
// recorded reads fp32, false, as it ran.
QStringList resolvedSettingsHeader();
QStringList resolvedSettingsCells(const ResolvedSettings& settings);

// Header: experiment,run,arm,target,seed,split,metric,value,precision,bucketing; one row per
// result. experimentId 0: every experiment. Returns the number of rows written.
qint64 writeResultsCsv(const RunStore& store, qint64 experimentId, QTextStream& out);

// Header: experiment,run,stage,seed,step,epoch,wall_time,name,value; one row per metric point.
// run is empty for a shared stage; stage is the stage's name. Returns the number of rows.
qint64 writePointsCsv(const RunStore& store, qint64 experimentId, QTextStream& out);

// Header: experiment,run,arm,target,seed,part,index,text_sha256,gold,predicted,probability;
// one row per test example of every run (probability empty for scores and retrieval).
qint64 writePredictionsCsv(const RunStore& store, qint64 experimentId, QTextStream& out);

}  // namespace twb

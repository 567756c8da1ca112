// GainTable: transfer gains as `twb run` and `twb show --experiment` print them: the table with
// intervals, tests and verdicts, the power hint, and the same numbers as JSON.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QTextStream>
#include <QVector>

#include "experiment/Gains.h"

namespace twb::cli {

// The |Δ| the power hint asks about unless --effect says otherwise: two points of accuracy.
constexpr double kDefaultEffect = 0.02;

// --effect D: the |Δ| the power hint asks about; effectOf reads it (NaN, with a message on err,
// when it is not a number in (0, 1]).
QCommandLineOption effectOption();
double effectOf(const QCommandLineParser& parser, QTextStream& err);

// The table, one line per target, then what the verdicts rest on, chance and the power hint.
void printGainTable(QTextStream& out, const QVector<TargetGain>& gains, double effect);

// Per target: baseline, transfer and delta (mean, sd, n, ci95), delta's p, ci95_examples and
// d_z, the verdict and what it rests on, chance and the power hint.
QJsonArray gainsJson(const QVector<TargetGain>& gains, double effect);

}  // namespace twb::cli

// CliFormat: how `twb` prints numbers, intervals and tables, as text and as JSON, so every
// command shows a figure the same way.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include "experiment/Gains.h"

namespace twb::cli {

// Rows in aligned columns (two spaces apart), each line after indent; the first row is the
// header and the last column is not padded.
void printTable(QTextStream& out, const QList<QStringList>& rows, const QString& indent = {});

QString fixed(double value, int decimals = 3);                     // "-" for NaN
QString signedFixed(double value, int decimals = 3);               // "+0.012", "-" for NaN
QString pText(double p);                                           // "0.034", "<0.001", "-"
QString intervalText(const stats::Interval& i, int decimals = 3);  // "[-0.010, +0.047]"

QJsonValue jsonNumber(double value);                // null for NaN
QJsonValue jsonInterval(const stats::Interval& i);  // [low, high] or null
QJsonObject summaryJson(const MeanSd& m);           // mean, sd, n, ci95

}  // namespace twb::cli

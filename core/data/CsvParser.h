// CsvParser: RFC 4180 CSV (quoted fields with embedded delimiters, quotes and newlines).
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace twb {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  QStringList fields;
};

// Parses text into records. Blank lines are skipped. Throws InputError(file, line) for a quote
// that is never closed or text straight after a closing quote.
QVector<CsvRecord> parseCsv(const QString& text, const QString& file, QChar delimiter = u',');

}  // namespace twb

// RawTable: a TSV, CSV or JSONL file as named columns of text, before typing into Examples.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace twb {

struct RawRow {
  int line = 0;                            // 1-based line where the row starts
  QVector<std::optional<QString>> values;  // by column; empty when a JSON line lacks it
  QString origin;  // a data source plugin's name for the row ("neg/3.txt"), named in errors
};

struct RawTable {
  QStringList columns;
  QVector<RawRow> rows;
};

// First line is the header; fields split on tabs, no quoting. Throws InputError(file, line) for
// a row whose field count differs from the header's.
RawTable readTsv(const QString& text, const QString& file);
// RFC 4180 with a header row.
RawTable readCsv(const QString& text, const QString& file);
// One JSON object per line; columns are every key seen, in order of appearance. Numbers become
// their shortest text ("1", "-1", "0.5"); booleans "true"/"false"; null is absent.
RawTable readJsonl(const QString& text, const QString& file);

}  // namespace twb

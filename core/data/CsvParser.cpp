#include "data/CsvParser.h"

#include "common/InputError.h"

namespace twb {

QVector<CsvRecord> parseCsv(const QString& text, const QString& file, QChar delimiter) {
  QVector<CsvRecord> records;
  CsvRecord record;
  QString field;
  bool quotedField = false;  // the current field was quoted (so it is not blank)
  int line = 1;
  record.line = 1;
  const qsizetype n = text.size();
  auto endRecord = [&]() {
    record.fields << field;
    const bool blank = record.fields.size() == 1 && !quotedField && field.trimmed().isEmpty();
    if (!blank) records.push_back(record);
    record = CsvRecord();
    field.clear();
    quotedField = false;
  };
  qsizetype i = 0;
  while (i < n) {
    const QChar c = text[i];
    if (c == u'"' && field.isEmpty() && !quotedField) {
      // A quoted field: runs to the next quote not doubled.
      const int opened = line;
      quotedField = true;
      ++i;
      for (;;) {
        if (i >= n)
          throw InputError(file, opened, 0, QStringLiteral("a quoted field is never closed"));
        const QChar q = text[i];
        if (q == u'"') {
          if (i + 1 < n && text[i + 1] == u'"') {
            field += u'"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (q == u'\n') ++line;
        field += q;
        ++i;
      }
      if (i < n && text[i] != delimiter && text[i] != u'\n' && text[i] != u'\r')
        throw InputError(file, line, 0,
                         QStringLiteral("unexpected text after a closing quote (a quote inside a "
                                        "quoted field must be doubled)"));
      continue;
    }
    if (c == delimiter) {
      record.fields << field;
      field.clear();
      quotedField = false;
      ++i;
    } else if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n') {
      ++i;  // the \n ends the record
    } else if (c == u'\n') {
      if (record.line == 0) record.line = line;
      endRecord();
      ++line;
      record.line = line;
      ++i;
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.isEmpty() || quotedField || !record.fields.isEmpty()) endRecord();
  return records;
}

}  // namespace twb

#include "data/RawTable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>
#include <cmath>

#include "common/InputError.h"
#include "data/CsvParser.h"

namespace twb {
namespace {

RawTable fromRecords(const QVector<CsvRecord>& records, const QString& file) {
  RawTable table;
  if (records.isEmpty()) return table;
  for (const QString& name : records.front().fields) table.columns << name.trimmed();
  for (qsizetype r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    if (record.fields.size() != table.columns.size())
      throw InputError(file, record.line, 0,
                       QStringLiteral("%1 fields where the header has %2 (%3)")
                           .arg(record.fields.size())
                           .arg(table.columns.size())
                           .arg(table.columns.join(QStringLiteral(", "))));
    RawRow row;
    row.line = record.line;
    for (const QString& value : record.fields) row.values << value;
    table.rows << row;
  }
  return table;
}

QString jsonText(const QJsonValue& value) {
  switch (value.type()) {
    case QJsonValue::String:
      return value.toString();
    case QJsonValue::Bool:
      return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
      const double number = value.toDouble();
      if (std::floor(number) == number && std::abs(number) < 9.0e15)
        return QString::number(static_cast<qint64>(number));
      return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    default:
      return QString();
  }
}

}  // namespace

RawTable readTsv(const QString& text, const QString& file) {
  QVector<CsvRecord> records;
  const QStringList lines = text.split(u'\n');
  for (qsizetype i = 0; i < lines.size(); ++i) {
    QString line = lines[i];
    if (line.endsWith(u'\r')) line.chop(1);
    if (line.trimmed().isEmpty()) continue;
    records.push_back({static_cast<int>(i + 1), line.split(u'\t')});
  }
  return fromRecords(records, file);
}

RawTable readCsv(const QString& text, const QString& file) {
  return fromRecords(parseCsv(text, file), file);
}

RawTable readJsonl(const QString& text, const QString& file) {
  RawTable table;
  const QStringList lines = text.split(u'\n');
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const QString line = lines[i].trimmed();
    if (line.isEmpty()) continue;
    const int lineNumber = static_cast<int>(i + 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
      throw InputError(file, lineNumber, error.offset + 1,
                       QStringLiteral("not valid JSON: %1").arg(error.errorString()));
    if (!document.isObject())
      throw InputError(file, lineNumber, 0,
                       QStringLiteral("each line must be a JSON object like {\"text\": ..., "
                                      "\"label\": ...}"));
    const QJsonObject object = document.object();
    RawRow row;
    row.line = lineNumber;
    row.values.resize(table.columns.size());
    for (auto it = object.begin(); it != object.end(); ++it) {
      qsizetype column = table.columns.indexOf(it.key());
      if (column < 0) {
        table.columns << it.key();
        row.values.resize(table.columns.size());
        column = table.columns.size() - 1;
      }
      if (it.value().isArray() || it.value().isObject())
        throw InputError(file, lineNumber, 0,
                         QStringLiteral("field '%1' must be text or a number").arg(it.key()));
      if (!it.value().isNull()) row.values[column] = jsonText(it.value());
    }
    table.rows << row;
  }
  return table;
}

}  // namespace twb

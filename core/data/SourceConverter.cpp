#include "data/SourceConverter.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

#include "common/InputError.h"
#include "data/CsvParser.h"
#include "data/TextFile.h"

namespace twb {
namespace {

[[noreturn]] void unexpected(const QString& file, const QString& what) {
  throw RunError(QStringLiteral("%1: %2 (has the package changed?)").arg(file, what).toStdString());
}

QString unescapeHtml(QString text) {
  text.replace(QLatin1String("&quot;"), QLatin1String("\""));
  text.replace(QLatin1String("&#39;"), QLatin1String("'"));
  text.replace(QLatin1String("&apos;"), QLatin1String("'"));
  text.replace(QLatin1String("&lt;"), QLatin1String("<"));
  text.replace(QLatin1String("&gt;"), QLatin1String(">"));
  text.replace(QLatin1String("&amp;"), QLatin1String("&"));
  return text;
}

QString labelName(const ConversionRecipe& recipe, const QString& raw, const QString& file,
                  int line) {
  const auto it = recipe.labelNames.find(raw.trimmed());
  if (it == recipe.labelNames.end())
    unexpected(file, QStringLiteral("line %1: unexpected label '%2'").arg(line).arg(raw));
  return it.value();
}

QString readText(const QString& path) {
  try {
    return readUtf8File(path);
  } catch (const InputError& error) {
    unexpected(path, error.message());
  }
}

QVector<LabelledText> fromHeaderlessCsv(const ConversionRecipe& recipe, const QString& path) {
  QVector<CsvRecord> records;
  try {
    records = parseCsv(readText(path), path);
  } catch (const InputError& error) {
    unexpected(path, QStringLiteral("line %1: %2").arg(error.line()).arg(error.message()));
  }
  QVector<LabelledText> rows;
  rows.reserve(records.size());
  const int needed = std::max(recipe.textField, recipe.labelField) + 1;
  for (const CsvRecord& record : records) {
    if (record.fields.size() < needed)
      unexpected(path, QStringLiteral("line %1 has %2 fields, expected %3")
                           .arg(record.line)
                           .arg(record.fields.size())
                           .arg(needed));
    QString text = record.fields[recipe.textField].trimmed();
    if (recipe.unescapeHtml) text = unescapeHtml(text);
    rows.push_back({text, labelName(recipe, record.fields[recipe.labelField], path, record.line)});
  }
  return rows;
}

QVector<LabelledText> fromTextClassJson(const ConversionRecipe& recipe, const QString& path) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(readText(path).toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !document.isArray())
    unexpected(path, QStringLiteral("expected a JSON list of {text, class}"));
  QVector<LabelledText> rows;
  const QJsonArray items = document.array();
  for (qsizetype i = 0; i < items.size(); ++i) {
    const QJsonObject item = items[i].toObject();
    const QString text = item.value(QStringLiteral("text")).toString().trimmed();
    const QJsonValue label = item.value(QStringLiteral("class"));
    if (text.isEmpty() && (label.isNull() || label.isUndefined())) continue;  // the empty record
    if (!label.isDouble())
      unexpected(path, QStringLiteral("record %1 has no numeric class").arg(i + 1));
    rows.push_back(
        {text, labelName(recipe, QString::number(label.toInt()), path, static_cast<int>(i + 1))});
  }
  return rows;
}

// Keeps the first copy of each text, or no copy when the copies disagree on the label.
ConvertedSource dropDuplicateTexts(const QVector<LabelledText>& rows) {
  QHash<QString, qsizetype> first;  // text -> the row of its first copy
  QSet<QString> conflicting;
  for (qsizetype i = 0; i < rows.size(); ++i) {
    const QString text = rows[i].text.trimmed();
    const auto found = first.constFind(text);
    if (found == first.constEnd())
      first.insert(text, i);
    else if (rows[*found].label != rows[i].label)
      conflicting.insert(text);
  }
  ConvertedSource converted;
  converted.rows.reserve(first.size());
  for (qsizetype i = 0; i < rows.size(); ++i) {
    const QString text = rows[i].text.trimmed();
    if (conflicting.contains(text))
      ++converted.conflictsDropped;
    else if (first.value(text) == i)
      converted.rows.push_back(rows[i]);
  }
  converted.duplicatesDropped = static_cast<int>(rows.size() - converted.rows.size());
  return converted;
}

}  // namespace

ConvertedSource convertSource(const ConversionRecipe& recipe, const QString& packageRoot) {
  const QString path = QDir(packageRoot).filePath(recipe.file);
  if (!QFileInfo::exists(path)) unexpected(path, QStringLiteral("file not found in the package"));
  switch (recipe.format) {
    case ConversionRecipe::Format::HeaderlessCsv:
      return dropDuplicateTexts(fromHeaderlessCsv(recipe, path));
    case ConversionRecipe::Format::TextClassJson:
      return dropDuplicateTexts(fromTextClassJson(recipe, path));
    case ConversionRecipe::Format::UdhrHtml:
    case ConversionRecipe::Format::CldrAnnotations:
    case ConversionRecipe::Format::GettextMo:
      break;  // parallel corpora: ParallelConverter
  }
  unexpected(path, QStringLiteral("a parallel corpus, not labelled texts"));
}

}  // namespace twb

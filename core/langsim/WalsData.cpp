#include "langsim/WalsData.h"

#include <QRegularExpression>
#include <limits>

#include "common/InputError.h"

namespace twb {
namespace {

bool isDataFrame(const RObject& object) {
  return object.type == RObject::Type::List && object.inherits(QStringLiteral("data.frame"));
}

// Data frames among the objects and, one level down, inside lists.
QVector<const RObject*> dataFrames(const RNamedObjects& objects) {
  QVector<const RObject*> frames;
  for (const auto& named : objects) {
    const RObject& object = *named.second;
    if (isDataFrame(object)) {
      frames << &object;
    } else if (object.type == RObject::Type::List) {
      for (const RObjectPtr& item : object.items)
        if (isDataFrame(*item)) frames << item.get();
    }
  }
  return frames;
}

int featureColumnCount(const RObject& frame) {
  int count = 0;
  for (const QString& name : frame.names())
    if (!walsFeatureColumn(name).first.isEmpty()) ++count;
  return count;
}

const RObject* column(const RObject& frame, const QStringList& candidates) {
  const QStringList names = frame.names();
  for (const QString& candidate : candidates)
    for (qsizetype i = 0; i < names.size(); ++i)
      if (names[i].compare(candidate, Qt::CaseInsensitive) == 0) return frame.items[i].get();
  return nullptr;
}

// WALS codes of a frame's rows: a code column, else character row names.
QStringList rowCodes(const RObject& frame) {
  if (const RObject* codes = column(frame, {QStringLiteral("wals_code"),
                                            QStringLiteral("wals.code"), QStringLiteral("code")}))
    return codes->asStrings();
  const RObject* rowNames = frame.attribute(QStringLiteral("row.names"));
  return rowNames && rowNames->type == RObject::Type::Character ? rowNames->strings : QStringList();
}

QStringList stringsOrEmpty(const RObject* object, qsizetype rows) {
  QStringList values = object ? object->asStrings() : QStringList();
  while (values.size() < rows) values << QString();
  return values;
}

QVector<double> doublesOrNaN(const RObject* object, qsizetype rows) {
  QVector<double> values = object ? object->asDoubles() : QVector<double>();
  while (values.size() < rows) values << std::numeric_limits<double>::quiet_NaN();
  return values;
}

}  // namespace

std::pair<QString, QString> walsFeatureColumn(const QString& columnName) {
  static const QRegularExpression pattern(QStringLiteral("^X?(\\d{1,3}[A-Z])(?:[ ._]+(.*))?$"));
  const QRegularExpressionMatch match = pattern.match(columnName);
  if (!match.hasMatch()) return {};
  QString name = match.captured(2);
  name.replace(QLatin1Char('.'), QLatin1Char(' '));
  return {match.captured(1), name.simplified()};
}

WalsData walsFromR(const RNamedObjects& objects, const QString& what) {
  const RObject* features = nullptr;
  const RObject* meta = nullptr;
  for (const RObject* frame : dataFrames(objects)) {
    if (!features && featureColumnCount(*frame) > 0) features = frame;
    if (!meta && column(*frame, {QStringLiteral("latitude")}) &&
        column(*frame, {QStringLiteral("name")}))
      meta = frame;
  }
  if (!features)
    throw InputError(what, 0, 0, QStringLiteral("no data frame of WALS features (\"X81A...\")"));
  if (!meta)
    throw InputError(what, 0, 0, QStringLiteral("no data frame with name and latitude columns"));

  const QStringList metaCodes = rowCodes(*meta);
  const QStringList featureCodes = rowCodes(*features);
  if (metaCodes.isEmpty() || featureCodes.isEmpty())
    throw InputError(what, 0, 0, QStringLiteral("the WALS frames have no language codes"));
  const qsizetype rows = metaCodes.size();
  const QStringList names = stringsOrEmpty(column(*meta, {QStringLiteral("name")}), rows);
  const QStringList genera = stringsOrEmpty(column(*meta, {QStringLiteral("genus")}), rows);
  const QStringList families = stringsOrEmpty(column(*meta, {QStringLiteral("family")}), rows);
  const QStringList isos =
      stringsOrEmpty(column(*meta, {QStringLiteral("iso_code"), QStringLiteral("iso"),
                                    QStringLiteral("iso639_3"), QStringLiteral("iso639p3code")}),
                     rows);
  const QVector<double> latitudes = doublesOrNaN(column(*meta, {QStringLiteral("latitude")}), rows);
  const QVector<double> longitudes =
      doublesOrNaN(column(*meta, {QStringLiteral("longitude")}), rows);

  WalsData data;
  QMap<QString, qsizetype> rowOf;  // feature-frame row of each code
  for (qsizetype i = 0; i < featureCodes.size(); ++i) rowOf.insert(featureCodes[i], i);
  QVector<std::pair<QString, QStringList>> columns;  // feature id, values by feature-frame row
  const QStringList columnNames = features->names();
  for (qsizetype c = 0; c < columnNames.size() && c < features->items.size(); ++c) {
    const auto [id, name] = walsFeatureColumn(columnNames[c]);
    if (id.isEmpty()) continue;
    data.featureNames.insert(id, name);
    columns.append({id, features->items[c]->asStrings()});
  }
  for (qsizetype i = 0; i < rows; ++i) {
    WalsLanguage language{metaCodes[i],      names[i],     genera[i],     families[i],
                          isos[i].trimmed(), latitudes[i], longitudes[i], {}};
    const qsizetype row = rowOf.value(metaCodes[i], -1);
    if (row >= 0)
      for (const auto& [id, values] : columns)
        if (row < values.size() && !values[row].isNull()) language.features.insert(id, values[row]);
    data.languages << language;
  }
  return data;
}

WalsData readWalsRda(const QString& path) { return walsFromR(readRdaFile(path), path); }

}  // namespace twb

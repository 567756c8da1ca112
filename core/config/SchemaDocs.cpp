#include "config/SchemaDocs.h"

#include <QJsonArray>
#include <climits>

#include "config/CatalogIds.h"
#include "config/ExperimentSchema.h"
#include "config/ExperimentWriter.h"

namespace twb {
namespace {

QJsonArray strings(const QStringList& values) { return QJsonArray::fromStringList(values); }

QJsonObject reference(const char* definition) {
  return QJsonObject{{QStringLiteral("$ref"),
                      QStringLiteral("#/definitions/%1").arg(QString::fromLatin1(definition))}};
}

QJsonObject seedSchema() {
  return QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                     {QStringLiteral("minimum"), 0},
                     {QStringLiteral("maximum"), INT_MAX}};
}

// The JSON Schema of one key's value; a section's keys come from children.
QJsonObject valueSchema(const SchemaKey& key, const QList<SchemaKey>& all);

QJsonObject objectSchema(const QString& section, const QList<SchemaKey>& all) {
  QJsonObject properties;
  QJsonArray required;
  for (const SchemaKey& key : all) {
    if (key.section() != section) continue;
    properties.insert(key.name(), valueSchema(key, all));
    if (key.required) required.append(key.name());
  }
  QJsonObject object{{QStringLiteral("type"), QStringLiteral("object")},
                     {QStringLiteral("properties"), properties},
                     {QStringLiteral("additionalProperties"), false}};
  if (!required.isEmpty()) object.insert(QStringLiteral("required"), required);
  return object;
}

QJsonObject valueSchema(const SchemaKey& key, const QList<SchemaKey>& all) {
  QJsonObject value;
  switch (key.type) {
    case KeyType::Text:
      value.insert(QStringLiteral("type"), QStringLiteral("string"));
      if (key.nonEmpty) value.insert(QStringLiteral("minLength"), 1);
      if (!key.pattern.isEmpty())
        value.insert(QStringLiteral("pattern"), QStringLiteral("^%1$").arg(key.pattern));
      break;
    case KeyType::Choice:
      value.insert(QStringLiteral("enum"), strings(key.allowedChoices()));
      break;
    case KeyType::Integer:
    case KeyType::Number:
      value.insert(QStringLiteral("type"), key.type == KeyType::Integer ? QStringLiteral("integer")
                                                                        : QStringLiteral("number"));
      if (key.minimum > -std::numeric_limits<double>::max())
        value.insert(
            key.minimumExclusive ? QStringLiteral("exclusiveMinimum") : QStringLiteral("minimum"),
            key.minimum);
      if (key.maximum < std::numeric_limits<double>::max())
        value.insert(QStringLiteral("maximum"), key.maximum);
      else if (key.type == KeyType::Integer)
        value.insert(QStringLiteral("maximum"), INT_MAX);  // what the loader reads into an int
      break;
    case KeyType::Boolean:
      value.insert(QStringLiteral("type"), QStringLiteral("boolean"));
      break;
    case KeyType::Dataset:
      value = reference("dataset");
      break;
    case KeyType::DatasetList:
      value.insert(QStringLiteral("anyOf"),
                   QJsonArray{reference("dataset"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                          {QStringLiteral("items"), reference("dataset")},
                                          {QStringLiteral("minItems"), 1}}});
      break;
    case KeyType::TextList:
      value =
          QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                      // A number is a name too: labels: [1, 2, 3, 4, 5] (stars).
                      {QStringLiteral("items"),
                       QJsonObject{{QStringLiteral("type"),
                                    QJsonArray{QStringLiteral("string"), QStringLiteral("number")}},
                                   {QStringLiteral("minLength"), 1}}},
                      {QStringLiteral("minItems"), 1},
                      {QStringLiteral("uniqueItems"), true}};
      break;
    case KeyType::Split:
      value = QJsonObject{
          {QStringLiteral("type"), QStringLiteral("array")},
          {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("number")},
                                                {QStringLiteral("exclusiveMinimum"), 0},
                                                {QStringLiteral("exclusiveMaximum"), 1}}},
          {QStringLiteral("minItems"), 3},
          {QStringLiteral("maxItems"), 3}};
      break;
    case KeyType::Seeds:
      value.insert(
          QStringLiteral("anyOf"),
          QJsonArray{seedSchema(), QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                               {QStringLiteral("items"), seedSchema()},
                                               {QStringLiteral("minItems"), 1},
                                               {QStringLiteral("uniqueItems"), true}}});
      break;
    case KeyType::Map:
      value = objectSchema(key.path, all);
      break;
    case KeyType::MapList:
      value =
          QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("items"), objectSchema(key.path + QStringLiteral("[]"), all)},
                      {QStringLiteral("minItems"), 1}};
      break;
  }
  QString description = key.help;
  if (!key.unsetMeans.isEmpty()) description += QStringLiteral(" (absent: %1)").arg(key.unsetMeans);
  value.insert(QStringLiteral("description"), description);
  if (key.fallbackKeepsRule() && key.type != KeyType::Map)
    value.insert(QStringLiteral("default"), QJsonValue::fromVariant(key.fallback));
  return value;
}

QString typeText(const SchemaKey& key) {
  switch (key.type) {
    case KeyType::Text:
      return key.pattern.isEmpty() ? QStringLiteral("text") : key.patternExample;
    case KeyType::Choice:
      return key.choices.join(QStringLiteral(" \\| ")) +
             (key.pluginChoices ? QStringLiteral(" \\| a plugin's") : QString());
    case KeyType::Integer:
    case KeyType::Number:
      return key.rule();
    case KeyType::Boolean:
      return QStringLiteral("true \\| false");
    case KeyType::Dataset:
      return QStringLiteral("a dataset");
    case KeyType::DatasetList:
      return QStringLiteral("a dataset or a list of them");
    case KeyType::TextList:
      return QStringLiteral("a list of names");
    case KeyType::Split:
      return QStringLiteral("three fractions adding up to 1");
    case KeyType::Seeds:
      return QStringLiteral("a seed or a list of distinct seeds, 0 to 2147483647");
    case KeyType::Map:
      return QStringLiteral("a map");
    case KeyType::MapList:
      return QStringLiteral("a list of maps");
  }
  return QString();
}

QString fallbackText(const SchemaKey& key) {
  if (!key.unsetMeans.isEmpty()) return key.unsetMeans;
  if (key.required) return QStringLiteral("required");
  if (key.fallback.isNull()) return QStringLiteral("none");
  if (key.fallback.typeId() == QMetaType::QVariantList) {
    QStringList items;
    for (const QVariant& item : key.fallback.toList()) items << shortestNumber(item.toDouble());
    return QStringLiteral("[%1]").arg(items.join(QStringLiteral(", ")));
  }
  if (key.fallback.typeId() == QMetaType::Double) return shortestNumber(key.fallback.toDouble());
  if (key.fallback.typeId() == QMetaType::Bool)
    return key.fallback.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  const QString text = key.fallback.toString();
  return text.isEmpty() ? QStringLiteral("none") : text;
}

}  // namespace

QJsonObject experimentJsonSchema() {
  const QList<SchemaKey>& all = experimentSchema();
  QJsonObject schema = objectSchema(QString(), all);
  schema.insert(QStringLiteral("$schema"),
                QStringLiteral("http://json-schema.org/draft-07/schema#"));
  schema.insert(QStringLiteral("title"), QStringLiteral("Transfer Workbench experiment"));
  const QJsonObject catalogId{
      {QStringLiteral("type"), QStringLiteral("string")},
      {QStringLiteral("enum"), strings(catalogDatasetIds())},
      {QStringLiteral("description"), QStringLiteral("a catalog dataset (twb datasets list)")}};
  QJsonObject file = objectSchema(QStringLiteral("dataset"), all);
  file.insert(QStringLiteral("description"), QStringLiteral("a dataset file and its columns"));
  schema.insert(QStringLiteral("definitions"),
                QJsonObject{{QStringLiteral("dataset"),
                             QJsonObject{{QStringLiteral("anyOf"), QJsonArray{catalogId, file}}}}});
  return schema;
}

QString experimentKeyReference() {
  QString text;
  QString section = QStringLiteral("-");
  for (const SchemaKey& key : experimentSchema()) {
    if (key.type == KeyType::Map || key.type == KeyType::MapList) continue;
    if (key.section() != section) {
      section = key.section();
      const QString title = section.isEmpty() ? QStringLiteral("top level")
                            : section == QLatin1String("dataset")
                                ? QStringLiteral("a dataset file's map (`{path: ...}`)")
                                : QStringLiteral("`%1`").arg(section);
      if (!text.isEmpty()) text += QLatin1Char('\n');
      text += QStringLiteral(
                  "Keys of %1:\n\n| key | value | default | meaning |\n| --- | --- | --- | "
                  "--- |\n")
                  .arg(title);
    }
    text += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                .arg(key.name(), typeText(key), fallbackText(key), key.help);
  }
  return text;
}

}  // namespace twb

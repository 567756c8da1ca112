#include "config/DatasetRefYaml.h"

#include <QDir>
#include <QFileInfo>

#include "config/CatalogIds.h"
#include "config/ExperimentSchema.h"
#include "config/Nearest.h"
#include "config/SchemaRead.h"

namespace twb::yaml {
namespace {

DatasetRef readCatalogId(const Context& context, const YAML::Node& node, const YAML::Mark& at,
                         const QString& what) {
  DatasetRef ref;
  ref.id = scalarText(context, node, at, what).trimmed();
  const QStringList ids = catalogDatasetIds();
  if (ids.contains(ref.id)) return ref;
  QString message = QStringLiteral("unknown dataset '%1' in %2").arg(ref.id, what);
  if (!datasetFormatFromSuffix(ref.id).isEmpty())
    message += QStringLiteral("; to read a file write {path: %1}").arg(ref.id);
  else
    message += suggestionSuffix(ref.id, ids);
  fail(context, at, message);
}

QString nonEmpty(const Map& map, const QString& key, const QString& fallback) {
  const QString value = map.string(key, fallback);
  if (map.has(key) && value.isEmpty())
    map.failAt(key, QStringLiteral("%1 must not be empty").arg(map.path(key)));
  return value;
}

QStringList readLabels(const Map& map) {
  const YAML::Node node = map.node(QStringLiteral("labels"));
  const QString what = map.path(QStringLiteral("labels"));
  if (!node.IsSequence() || node.size() == 0)
    map.failAt(
        QStringLiteral("labels"),
        QStringLiteral("%1 must be a list of label names, like [negative, positive]").arg(what));
  QStringList labels;
  for (const YAML::Node& item : node) {
    const YAML::Mark at = item.Mark();
    const QString label = scalarText(map.context(), item, at, what).trimmed();
    if (label.isEmpty()) fail(map.context(), at, QStringLiteral("%1: empty label name").arg(what));
    if (labels.contains(label))
      fail(map.context(), at, QStringLiteral("%1: label '%2' appears twice").arg(what, label));
    labels << label;
  }
  return labels;
}

DatasetRef readFileRef(const Context& context, const YAML::Node& node, const YAML::Mark& at,
                       const QString& what) {
  const Map map(context, node, at, what, sectionKeyNames(QStringLiteral("dataset")));
  map.require({QStringLiteral("path")});
  DatasetRef ref;
  const QString written = nonEmpty(map, QStringLiteral("path"), QString());
  ref.path = QDir::cleanPath(QDir(context.folder).absoluteFilePath(written));
  ref.format = map.choice(QStringLiteral("format"), datasetFormatFromSuffix(written),
                          schemaKey(QStringLiteral("dataset.format")).allowedChoices());
  if (ref.format.isEmpty())
    map.failAt(QStringLiteral("path"),
               QStringLiteral("cannot tell the format of '%1' from its name; add format: tsv, csv "
                              "or jsonl")
                   .arg(written));
  schema::readFields(map, schema::datasetFields(), ref);
  if (map.has(QStringLiteral("labels"))) ref.labels = readLabels(map);
  return ref;
}

}  // namespace

DatasetRef readDatasetRef(const Context& context, const YAML::Node& node,
                          const YAML::Mark& fallback, const QString& what) {
  const YAML::Mark at = node.IsDefined() && !node.Mark().is_null() ? node.Mark() : fallback;
  if (node.IsDefined() && node.IsScalar()) return readCatalogId(context, node, at, what);
  if (node.IsDefined() && node.IsMap()) return readFileRef(context, node, at, what);
  fail(context, at,
       QStringLiteral("%1 must be a catalog id (see `twb datasets list`) or a map like {path: "
                      "file.tsv, text: review, label: stars}, not %2")
           .arg(what, describe(node)));
}

}  // namespace twb::yaml

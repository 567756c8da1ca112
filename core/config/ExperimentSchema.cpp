// The experiment file's schema: the bound keys of SchemaFields.cpp and the keys read by hand.
#include "config/ExperimentSchema.h"

#include <stdexcept>

#include "common/Vocabulary.h"
#include "config/SchemaFields.h"
#include "plugin/PluginRegistry.h"

namespace twb {
namespace {

SchemaKey custom(const char* path, KeyType type, const char* help, bool required = false) {
  SchemaKey key;
  key.path = QString::fromLatin1(path);
  key.type = type;
  key.help = QString::fromUtf8(help);
  key.required = required;
  return key;
}

template <class S>
void append(QList<SchemaKey>& keys, const char* section, const QList<schema::Field<S>>& fields) {
  for (schema::Field<S> field : fields) {
    field.key.path = QString::fromLatin1(section) + QLatin1Char('.') + field.key.path;
    keys << field.key;
  }
}

QList<SchemaKey> buildSchema() {
  using namespace schema;
  QList<SchemaKey> keys;
  SchemaKey name = custom("name", KeyType::Text,
                          "the experiment's name; its runs are stored "
                          "under it",
                          true);
  name.nonEmpty = true;
  keys << name;
  keys << custom("model", KeyType::Map, "the encoder: its family, size, and where it comes from",
                 true);
  append(keys, "model", modelFields());
  keys << custom("pretrain", KeyType::Map,
                 "masked-LM pretraining on raw text, once per seed, shared by every run");
  keys << custom("pretrain.text", KeyType::DatasetList, "the datasets whose texts it trains on");
  append(keys, "pretrain", pretrainFields());
  keys << custom("intermediate", KeyType::Map,
                 "the intermediate task, trained before each target in the with-intermediate "
                 "arm");
  keys << custom("intermediate.dataset", KeyType::Dataset, "the intermediate task's data", true);
  append(keys, "intermediate", taskFields());
  keys << custom("targets", KeyType::MapList,
                 "the targets, each trained and scored with and without the intermediate step",
                 true);
  keys << custom("targets[].dataset", KeyType::Dataset, "the target's data", true);
  append(keys, "targets[]", taskFields());
  append(keys, "targets[]", targetFields());
  keys << custom("targets[].language", KeyType::Text,
                 "the language of a catalog dataset's texts, e.g. de for udhr");
  keys << custom("targets[].languages", KeyType::TextList,
                 "one target per language code: the shorthand for a cross-lingual sweep");
  keys << custom("targets[].source", KeyType::Dataset,
                 "the English data a zero-shot target fine-tunes on");
  keys << custom("protocol", KeyType::Map, "how data is split and how often runs repeat");
  SchemaKey split = custom("protocol.split", KeyType::Split,
                           "train, dev and test fractions of every dataset, adding up to 1");
  split.fallback = QVariantList{0.70, 0.15, 0.15};
  keys << split;
  SchemaKey seeds = custom("protocol.seeds", KeyType::Seeds,
                           "every run repeats once per seed; each seed also splits the data");
  seeds.fallback = QVariantList{1};
  keys << seeds;
  append(keys, "protocol", protocolFields());
  keys << custom("train", KeyType::Map, "fine-tuning budgets and optimiser settings");
  append(keys, "train", trainFields());
  // A dataset file's map: dataset, text and source values that are not catalog ids.
  SchemaKey path = custom("dataset.path", KeyType::Text,
                          "the file, relative to the experiment file's folder", true);
  path.nonEmpty = true;
  keys << path;
  SchemaKey format = custom("dataset.format", KeyType::Choice, "the file's format");
  format.choices = vocab::fileFormats();
  format.pluginChoices = [] { return PluginRegistry::instance().dataSourceNames(); };
  format.unsetMeans = QStringLiteral("from the file's suffix");
  keys << format;
  append(keys, "dataset", datasetFields());
  keys << custom("dataset.labels", KeyType::TextList,
                 "the label set; a label outside it is an error (absent: the labels found)");
  return keys;
}

}  // namespace

const QList<SchemaKey>& experimentSchema() {
  static const QList<SchemaKey> keys = buildSchema();
  return keys;
}

const SchemaKey& schemaKey(const QString& path) {
  for (const SchemaKey& key : experimentSchema())
    if (key.path == path) return key;
  throw std::logic_error("no key " + path.toStdString() + " in the experiment schema");
}

QStringList sectionKeyNames(const QString& section) {
  QStringList names;
  for (const SchemaKey& key : experimentSchema())
    if (key.section() == section) names << key.name();
  return names;
}

}  // namespace twb

#include "config/ExperimentWriter.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <string>

#include "config/SchemaFields.h"

namespace twb {
namespace {

std::string utf8(const QString& text) { return text.toStdString(); }

// path relative to yamlDir when it lies under it, else unchanged.
QString writtenPath(const QString& path, const QString& yamlDir) {
  if (yamlDir.isEmpty() || QDir::isRelativePath(path)) return path;
  const QDir dir(QDir::cleanPath(QDir(yamlDir).absolutePath()));
  const QString relative = dir.relativeFilePath(QDir::cleanPath(path));
  if (relative.isEmpty() || relative == QLatin1String("..") ||
      relative.startsWith(QLatin1String("../")) || QDir::isAbsolutePath(relative))
    return path;
  return relative;
}

void number(YAML::Emitter& out, const char* key, double value) {
  out << YAML::Key << key << YAML::Value << utf8(shortestNumber(value));
}

void string(YAML::Emitter& out, const char* key, const QString& value) {
  out << YAML::Key << key << YAML::Value << utf8(value);
}

void emitValue(YAML::Emitter& out, int value) { out << value; }
void emitValue(YAML::Emitter& out, double value) { out << utf8(shortestNumber(value)); }
void emitValue(YAML::Emitter& out, const QString& value) { out << utf8(value); }
void emitValue(YAML::Emitter& out, bool value) { out << value; }

// A field is written when the schema says always, or when it differs from its default.
template <class S>
bool written(const schema::Field<S>& field, const S& value) {
  return field.key.alwaysWritten || schema::differsFromDefault(field, value);
}

template <class S>
int countWritten(const QList<schema::Field<S>>& fields, const S& value) {
  return int(std::count_if(fields.begin(), fields.end(),
                           [&](const schema::Field<S>& field) { return written(field, value); }));
}

template <class S>
void emitFields(YAML::Emitter& out, const QList<schema::Field<S>>& fields, const S& value) {
  for (const schema::Field<S>& field : fields) {
    if (!written(field, value)) continue;
    out << YAML::Key << utf8(field.key.name()) << YAML::Value;
    std::visit([&](auto member) { emitValue(out, value.*member); }, field.member);
  }
}

// A catalog id as a plain value, a user's file as a flow map of what differs from defaults.
void emitDataset(YAML::Emitter& out, const DatasetRef& ref, const QString& yamlDir) {
  if (!ref.isFile()) {
    out << utf8(ref.id);
    return;
  }
  out << YAML::Flow << YAML::BeginMap;
  string(out, "path", writtenPath(ref.path, yamlDir));
  if (!ref.format.isEmpty() && ref.format != datasetFormatFromSuffix(ref.path))
    string(out, "format", ref.format);
  emitFields(out, schema::datasetFields(), ref);
  if (!ref.labels.isEmpty()) {
    out << YAML::Key << "labels" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const QString& label : ref.labels) out << utf8(label);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

// Flow style ({a: 1, b: 2}) for a map of a few keys, block style past that.
YAML::EMITTER_MANIP styleFor(int keys) { return keys <= 6 ? YAML::Flow : YAML::Block; }

void emitModel(YAML::Emitter& out, const ModelSpec& model) {
  const ModelSpec defaults;
  // A checkpoint's config.json sets its sizes and the loader refuses them beside it; its arch is
  // written only when the file gave one, as a check.
  const QString from = model.from.trimmed();
  const bool scratch = from.isEmpty() || from == QLatin1String("scratch");
  if (!scratch) {
    // A written dropout overrides the checkpoint's own, even at the default value.
    const bool dropout = model.dropoutGiven || model.dropout != defaults.dropout;
    const int keys = 1 + model.archGiven + dropout;
    out << YAML::Key << "model" << YAML::Value << styleFor(keys) << YAML::BeginMap;
    if (model.archGiven) string(out, "arch", model.arch);
    string(out, "from", model.from);
    if (dropout) number(out, "dropout", model.dropout);
    out << YAML::EndMap;
    return;
  }
  const int keys = countWritten(schema::modelFields(), model);
  out << YAML::Key << "model" << YAML::Value << styleFor(keys) << YAML::BeginMap;
  emitFields(out, schema::modelFields(), model);
  out << YAML::EndMap;
}

void emitPretrain(YAML::Emitter& out, const PretrainSpec& pretrain, const QString& yamlDir) {
  const bool hasFile = std::any_of(pretrain.text.begin(), pretrain.text.end(),
                                   [](const DatasetRef& ref) { return ref.isFile(); });
  out << YAML::Key << "pretrain" << YAML::Value << (hasFile ? YAML::Block : YAML::Flow)
      << YAML::BeginMap;
  if (!pretrain.text.isEmpty()) {
    out << YAML::Key << "text" << YAML::Value << (hasFile ? YAML::Block : YAML::Flow)
        << YAML::BeginSeq;
    for (const DatasetRef& ref : pretrain.text) emitDataset(out, ref, yamlDir);
    out << YAML::EndSeq;
  }
  emitFields(out, schema::pretrainFields(), pretrain);
  out << YAML::EndMap;
}

// The keys a target shares with the intermediate task; language is a target key for a catalog
// id (a file carries it in its dataset map).
void emitTask(YAML::Emitter& out, const TaskSpec& task, const TargetSpec* target,
              const QString& yamlDir) {
  out << (task.dataset.isFile() ? YAML::Block : YAML::Flow) << YAML::BeginMap;
  out << YAML::Key << "dataset" << YAML::Value;
  emitDataset(out, task.dataset, yamlDir);
  emitFields(out, schema::taskFields(), task);
  if (target) {
    emitFields(out, schema::targetFields(), *target);
    if (!task.dataset.isFile() && !task.dataset.language.isEmpty())
      string(out, "language", task.dataset.language);
    if (target->source) {
      out << YAML::Key << "source" << YAML::Value;
      emitDataset(out, *target->source, yamlDir);
    }
  }
  out << YAML::EndMap;
}

void emitProtocol(YAML::Emitter& out, const ProtocolSpec& protocol) {
  out << YAML::Key << "protocol" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "split" << YAML::Value << YAML::Flow << YAML::BeginSeq
      << utf8(shortestNumber(protocol.train)) << utf8(shortestNumber(protocol.dev))
      << utf8(shortestNumber(protocol.test)) << YAML::EndSeq;
  if (!protocol.seeds.isEmpty()) {
    out << YAML::Key << "seeds" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (int seed : protocol.seeds) out << seed;
    out << YAML::EndSeq;
  }
  emitFields(out, schema::protocolFields(), protocol);
  out << YAML::EndMap;
}

void emitTrain(YAML::Emitter& out, const TrainSpec& train) {
  const int keys = countWritten(schema::trainFields(), train);
  out << YAML::Key << "train" << YAML::Value << styleFor(keys) << YAML::BeginMap;
  emitFields(out, schema::trainFields(), train);
  out << YAML::EndMap;
}

// Field-by-field comparison for experimentDifferences.
class Differences {
 public:
  QStringList lines;

  void check(const QString& key, const QString& a, const QString& b) {
    if (a != b) lines << QStringLiteral("%1: '%2' != '%3'").arg(key, a, b);
  }
  void check(const QString& key, int a, int b) {
    if (a != b) lines << QStringLiteral("%1: %2 != %3").arg(key).arg(a).arg(b);
  }
  void check(const QString& key, double a, double b) {
    if (a != b)
      lines << QStringLiteral("%1: %2 != %3").arg(key, shortestNumber(a), shortestNumber(b));
  }
  void check(const QString& key, const QStringList& a, const QStringList& b) {
    if (a != b)
      lines << QStringLiteral("%1: [%2] != [%3]")
                   .arg(key, a.join(QStringLiteral(", ")), b.join(QStringLiteral(", ")));
  }
  void check(const QString& key, const QList<int>& a, const QList<int>& b) {
    if (a == b) return;
    QStringList left, right;
    for (int value : a) left << QString::number(value);
    for (int value : b) right << QString::number(value);
    check(key, left, right);
  }
  void check(const QString& key, bool a, bool b) {
    const auto text = [](bool value) { return QString::fromLatin1(value ? "true" : "false"); };
    check(key, text(a), text(b));
  }
  // Every field of the schema's list, named section.name.
  template <class S>
  void checkFields(const QString& section, const QList<schema::Field<S>>& fields, const S& a,
                   const S& b) {
    for (const schema::Field<S>& field : fields) {
      const QString key = section + QLatin1Char('.') + field.key.name();
      std::visit([&](auto member) { check(key, a.*member, b.*member); }, field.member);
    }
  }
  void check(const QString& key, const DatasetRef& a, const DatasetRef& b) {
    check(key + QStringLiteral(".id"), a.id, b.id);
    check(key + QStringLiteral(".path"), a.path, b.path);
    check(key + QStringLiteral(".format"), a.format, b.format);
    checkFields(key, schema::datasetFields(), a, b);
    check(key + QStringLiteral(".labels"), a.labels, b.labels);
  }
  void check(const QString& key, const TaskSpec& a, const TaskSpec& b) {
    check(key + QStringLiteral(".dataset"), a.dataset, b.dataset);
    checkFields(key, schema::taskFields(), a, b);
  }
};

}  // namespace

QString shortestNumber(double value) {
  if (!std::isfinite(value)) return QString::number(value);
  if (value == std::trunc(value) && std::abs(value) < 1e15)
    return QString::number(static_cast<long long>(value));
  for (int precision = 1; precision <= 17; ++precision) {
    const QString text = QString::number(value, 'g', precision);
    if (text.toDouble() == value) return text;
  }
  return QString::number(value, 'g', 17);
}

QString experimentToYaml(const ExperimentSpec& spec, const QString& yamlDir) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  string(out, "name", spec.name);
  emitModel(out, spec.model);
  const PretrainSpec noPretrain;
  if (!spec.pretrain.text.isEmpty() || spec.pretrain.steps != noPretrain.steps ||
      spec.pretrain.batchSize != noPretrain.batchSize || spec.pretrain.lr != noPretrain.lr)
    emitPretrain(out, spec.pretrain, yamlDir);
  if (spec.intermediate) {
    out << YAML::Key << "intermediate" << YAML::Value;
    emitTask(out, *spec.intermediate, nullptr, yamlDir);
  }
  out << YAML::Key << "targets" << YAML::Value << YAML::Block << YAML::BeginSeq;
  for (const TargetSpec& target : spec.targets) emitTask(out, target, &target, yamlDir);
  out << YAML::EndSeq;
  emitProtocol(out, spec.protocol);
  emitTrain(out, spec.train);
  out << YAML::EndMap;
  return QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
}

QStringList experimentDifferences(const ExperimentSpec& a, const ExperimentSpec& b) {
  Differences d;
  d.check(QStringLiteral("name"), a.name, b.name);
  d.checkFields(QStringLiteral("model"), schema::modelFields(), a.model, b.model);
  if (a.model.pretrained() || b.model.pretrained()) {
    d.check(QStringLiteral("model.arch written"), int(a.model.archGiven), int(b.model.archGiven));
    d.check(QStringLiteral("model.dropout written"), int(a.model.dropoutGiven),
            int(b.model.dropoutGiven));
  }

  d.check(QStringLiteral("pretrain.text.size"), int(a.pretrain.text.size()),
          int(b.pretrain.text.size()));
  for (int i = 0; i < std::min(a.pretrain.text.size(), b.pretrain.text.size()); ++i)
    d.check(QStringLiteral("pretrain.text[%1]").arg(i + 1), a.pretrain.text[i], b.pretrain.text[i]);
  d.checkFields(QStringLiteral("pretrain"), schema::pretrainFields(), a.pretrain, b.pretrain);

  if (a.intermediate.has_value() != b.intermediate.has_value())
    d.lines << QStringLiteral("intermediate: %1 != %2")
                   .arg(a.intermediate ? QStringLiteral("set") : QStringLiteral("none"),
                        b.intermediate ? QStringLiteral("set") : QStringLiteral("none"));
  else if (a.intermediate)
    d.check(QStringLiteral("intermediate"), *a.intermediate, *b.intermediate);

  d.check(QStringLiteral("targets.size"), int(a.targets.size()), int(b.targets.size()));
  for (int i = 0; i < std::min(a.targets.size(), b.targets.size()); ++i) {
    const QString key = QStringLiteral("targets[%1]").arg(i + 1);
    d.check(key, a.targets[i], b.targets[i]);
    d.checkFields(key, schema::targetFields(), a.targets[i], b.targets[i]);
    d.check(key + QStringLiteral(".source"),
            a.targets[i].source ? a.targets[i].source->name() : QString(),
            b.targets[i].source ? b.targets[i].source->name() : QString());
  }

  d.check(QStringLiteral("protocol.split.train"), a.protocol.train, b.protocol.train);
  d.check(QStringLiteral("protocol.split.dev"), a.protocol.dev, b.protocol.dev);
  d.check(QStringLiteral("protocol.split.test"), a.protocol.test, b.protocol.test);
  d.check(QStringLiteral("protocol.seeds"), a.protocol.seeds, b.protocol.seeds);
  d.checkFields(QStringLiteral("protocol"), schema::protocolFields(), a.protocol, b.protocol);

  d.checkFields(QStringLiteral("train"), schema::trainFields(), a.train, b.train);
  return d.lines;
}

}  // namespace twb

#include "config/ExperimentWriter.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <string>

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

void integer(YAML::Emitter& out, const char* key, int value) {
  out << YAML::Key << key << YAML::Value << value;
}

void string(YAML::Emitter& out, const char* key, const QString& value) {
  out << YAML::Key << key << YAML::Value << utf8(value);
}

// A catalog id as a plain value, a user's file as a flow map of what differs from defaults.
void emitDataset(YAML::Emitter& out, const DatasetRef& ref, const QString& yamlDir) {
  if (!ref.isFile()) {
    out << utf8(ref.id);
    return;
  }
  const DatasetRef defaults;
  out << YAML::Flow << YAML::BeginMap;
  string(out, "path", writtenPath(ref.path, yamlDir));
  if (!ref.format.isEmpty() && ref.format != datasetFormatFromSuffix(ref.path))
    string(out, "format", ref.format);
  if (ref.textColumn != defaults.textColumn) string(out, "text", ref.textColumn);
  if (!ref.pairColumn.isEmpty()) string(out, "text_pair", ref.pairColumn);
  if (ref.labelColumn != defaults.labelColumn) string(out, "label", ref.labelColumn);
  if (!ref.scoreColumn.isEmpty()) string(out, "score", ref.scoreColumn);
  if (!ref.labels.isEmpty()) {
    out << YAML::Key << "labels" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const QString& label : ref.labels) out << utf8(label);
    out << YAML::EndSeq;
  }
  if (!ref.language.isEmpty()) string(out, "language", ref.language);
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
  const int keys = 3 + (model.layers > 0) + (model.hidden > 0) + (model.heads > 0) +
                   (model.ff > 0) + (model.vocabSize != defaults.vocabSize) +
                   (model.dropout != defaults.dropout);
  out << YAML::Key << "model" << YAML::Value << styleFor(keys) << YAML::BeginMap;
  string(out, "arch", model.arch);
  string(out, "size", model.size);
  string(out, "from", model.from);
  if (model.layers > 0) integer(out, "layers", model.layers);
  if (model.hidden > 0) integer(out, "hidden", model.hidden);
  if (model.heads > 0) integer(out, "heads", model.heads);
  if (model.ff > 0) integer(out, "ff", model.ff);
  if (model.vocabSize != defaults.vocabSize) integer(out, "vocab_size", model.vocabSize);
  if (model.dropout != defaults.dropout) number(out, "dropout", model.dropout);
  out << YAML::EndMap;
}

void emitPretrain(YAML::Emitter& out, const PretrainSpec& pretrain, const QString& yamlDir) {
  const PretrainSpec defaults;
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
  if (pretrain.steps != defaults.steps) integer(out, "steps", pretrain.steps);
  if (pretrain.batchSize != defaults.batchSize) integer(out, "batch_size", pretrain.batchSize);
  if (pretrain.lr != defaults.lr) number(out, "lr", pretrain.lr);
  if (pretrain.alpha != defaults.alpha) number(out, "alpha", pretrain.alpha);
  out << YAML::EndMap;
}

// The keys a target shares with the intermediate task; language is a target key for a catalog
// id (a file carries it in its dataset map).
void emitTask(YAML::Emitter& out, const TaskSpec& task, const TargetSpec* target,
              const QString& yamlDir) {
  out << (task.dataset.isFile() ? YAML::Block : YAML::Flow) << YAML::BeginMap;
  out << YAML::Key << "dataset" << YAML::Value;
  emitDataset(out, task.dataset, yamlDir);
  string(out, "task", task.task);
  if (target) {
    if (!target->domain.isEmpty()) string(out, "domain", target->domain);
    if (!task.dataset.isFile() && !task.dataset.language.isEmpty())
      string(out, "language", task.dataset.language);
    if (target->setting != TargetSpec().setting) string(out, "setting", target->setting);
    if (target->source) {
      out << YAML::Key << "source" << YAML::Value;
      emitDataset(out, *target->source, yamlDir);
    }
  }
  if (task.epochs > 0) integer(out, "epochs", task.epochs);
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
  if (!protocol.decontaminate) out << YAML::Key << "decontaminate" << YAML::Value << false;
  out << YAML::EndMap;
}

void emitTrain(YAML::Emitter& out, const TrainSpec& train) {
  const TrainSpec defaults;
  const int keys = 5 + (train.maxSteps != defaults.maxSteps) +
                   (train.evalEvery != defaults.evalEvery) + (train.warmup != defaults.warmup) +
                   (train.weightDecay != defaults.weightDecay) +
                   (train.clipNorm != defaults.clipNorm) + (train.threads != defaults.threads);
  out << YAML::Key << "train" << YAML::Value << styleFor(keys) << YAML::BeginMap;
  number(out, "lr", train.lr);
  integer(out, "batch_size", train.batchSize);
  integer(out, "max_len", train.maxLen);
  integer(out, "epochs", train.epochs);
  if (train.maxSteps != defaults.maxSteps) integer(out, "max_steps", train.maxSteps);
  integer(out, "early_stopping", train.earlyStopping);
  if (train.evalEvery != defaults.evalEvery) integer(out, "eval_every", train.evalEvery);
  if (train.warmup != defaults.warmup) number(out, "warmup", train.warmup);
  if (train.weightDecay != defaults.weightDecay) number(out, "weight_decay", train.weightDecay);
  if (train.clipNorm != defaults.clipNorm) number(out, "clip_norm", train.clipNorm);
  if (train.threads != defaults.threads) integer(out, "threads", train.threads);
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
  void check(const QString& key, const DatasetRef& a, const DatasetRef& b) {
    check(key + QStringLiteral(".id"), a.id, b.id);
    check(key + QStringLiteral(".path"), a.path, b.path);
    check(key + QStringLiteral(".format"), a.format, b.format);
    check(key + QStringLiteral(".text"), a.textColumn, b.textColumn);
    check(key + QStringLiteral(".text_pair"), a.pairColumn, b.pairColumn);
    check(key + QStringLiteral(".label"), a.labelColumn, b.labelColumn);
    check(key + QStringLiteral(".score"), a.scoreColumn, b.scoreColumn);
    check(key + QStringLiteral(".language"), a.language, b.language);
    check(key + QStringLiteral(".labels"), a.labels, b.labels);
  }
  void check(const QString& key, const TaskSpec& a, const TaskSpec& b) {
    check(key + QStringLiteral(".dataset"), a.dataset, b.dataset);
    check(key + QStringLiteral(".task"), a.task, b.task);
    check(key + QStringLiteral(".epochs"), a.epochs, b.epochs);
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
  d.check(QStringLiteral("model.arch"), a.model.arch, b.model.arch);
  d.check(QStringLiteral("model.size"), a.model.size, b.model.size);
  d.check(QStringLiteral("model.from"), a.model.from, b.model.from);
  d.check(QStringLiteral("model.layers"), a.model.layers, b.model.layers);
  d.check(QStringLiteral("model.hidden"), a.model.hidden, b.model.hidden);
  d.check(QStringLiteral("model.heads"), a.model.heads, b.model.heads);
  d.check(QStringLiteral("model.ff"), a.model.ff, b.model.ff);
  d.check(QStringLiteral("model.vocab_size"), a.model.vocabSize, b.model.vocabSize);
  d.check(QStringLiteral("model.dropout"), a.model.dropout, b.model.dropout);
  if (a.model.pretrained() || b.model.pretrained()) {
    d.check(QStringLiteral("model.arch written"), int(a.model.archGiven), int(b.model.archGiven));
    d.check(QStringLiteral("model.dropout written"), int(a.model.dropoutGiven),
            int(b.model.dropoutGiven));
  }

  d.check(QStringLiteral("pretrain.text.size"), int(a.pretrain.text.size()),
          int(b.pretrain.text.size()));
  for (int i = 0; i < std::min(a.pretrain.text.size(), b.pretrain.text.size()); ++i)
    d.check(QStringLiteral("pretrain.text[%1]").arg(i + 1), a.pretrain.text[i], b.pretrain.text[i]);
  d.check(QStringLiteral("pretrain.steps"), a.pretrain.steps, b.pretrain.steps);
  d.check(QStringLiteral("pretrain.batch_size"), a.pretrain.batchSize, b.pretrain.batchSize);
  d.check(QStringLiteral("pretrain.lr"), a.pretrain.lr, b.pretrain.lr);
  d.check(QStringLiteral("pretrain.alpha"), a.pretrain.alpha, b.pretrain.alpha);

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
    d.check(key + QStringLiteral(".domain"), a.targets[i].domain, b.targets[i].domain);
    d.check(key + QStringLiteral(".setting"), a.targets[i].setting, b.targets[i].setting);
    d.check(key + QStringLiteral(".source"),
            a.targets[i].source ? a.targets[i].source->name() : QString(),
            b.targets[i].source ? b.targets[i].source->name() : QString());
  }

  d.check(QStringLiteral("protocol.split.train"), a.protocol.train, b.protocol.train);
  d.check(QStringLiteral("protocol.split.dev"), a.protocol.dev, b.protocol.dev);
  d.check(QStringLiteral("protocol.split.test"), a.protocol.test, b.protocol.test);
  d.check(QStringLiteral("protocol.seeds"), a.protocol.seeds, b.protocol.seeds);
  const auto flag = [](bool value) { return QString::fromLatin1(value ? "true" : "false"); };
  d.check(QStringLiteral("protocol.decontaminate"), flag(a.protocol.decontaminate),
          flag(b.protocol.decontaminate));

  d.check(QStringLiteral("train.lr"), a.train.lr, b.train.lr);
  d.check(QStringLiteral("train.batch_size"), a.train.batchSize, b.train.batchSize);
  d.check(QStringLiteral("train.max_len"), a.train.maxLen, b.train.maxLen);
  d.check(QStringLiteral("train.epochs"), a.train.epochs, b.train.epochs);
  d.check(QStringLiteral("train.max_steps"), a.train.maxSteps, b.train.maxSteps);
  d.check(QStringLiteral("train.early_stopping"), a.train.earlyStopping, b.train.earlyStopping);
  d.check(QStringLiteral("train.eval_every"), a.train.evalEvery, b.train.evalEvery);
  d.check(QStringLiteral("train.warmup"), a.train.warmup, b.train.warmup);
  d.check(QStringLiteral("train.weight_decay"), a.train.weightDecay, b.train.weightDecay);
  d.check(QStringLiteral("train.clip_norm"), a.train.clipNorm, b.train.clipNorm);
  d.check(QStringLiteral("train.threads"), a.train.threads, b.train.threads);
  return d.lines;
}

}  // namespace twb

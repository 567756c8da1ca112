#include "config/ExperimentLoader.h"

#include <yaml-cpp/depthguard.h>

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <limits>

#include "common/InputError.h"
#include "common/InputFile.h"
#include "common/Utf8Text.h"
#include "common/Vocabulary.h"
#include "config/DatasetRefYaml.h"
#include "config/ExperimentSchema.h"
#include "config/SchemaRead.h"
#include "config/YamlFields.h"
#include "plugin/PluginRegistry.h"

namespace twb {
namespace {

using yaml::Context;
using yaml::Map;

QString key(const char* text) { return QString::fromLatin1(text); }

// The map of a section written at top: its keys are checked against the schema's.
Map section(const Map& top, const char* name) {
  return Map(top.context(), top.node(key(name)), top.valueMark(key(name)), key(name),
             sectionKeyNames(key(name)));
}

ModelSpec readModel(const Map& top) {
  const Map map = section(top, "model");
  ModelSpec model;
  schema::readFields(map, schema::modelFields(), model);
  QString error;
  model.source = parseModelSource(model.from, map.context().folder, &error);
  if (!error.isEmpty()) map.failAt(key("from"), QStringLiteral("model.from: ") + error);
  model.archGiven = map.has(key("arch"));
  model.dropoutGiven = map.has(key("dropout"));
  if (model.pretrained()) {
    // A checkpoint's config.json fixes its sizes: a size written here would be ignored.
    for (const char* size : {"size", "layers", "hidden", "heads", "ff", "vocab_size"})
      if (map.has(key(size)))
        map.failAt(key(size), QStringLiteral("model.%1: the checkpoint's config.json sets the "
                                             "model's size; remove '%1' or use from: scratch")
                                  .arg(key(size)));
  }
  if (model.hidden > 0 && model.heads > 0 && model.hidden % model.heads != 0)
    map.failAt(key("heads"), QStringLiteral("model.hidden (%1) must be a multiple of model.heads "
                                            "(%2)")
                                 .arg(model.hidden)
                                 .arg(model.heads));
  return model;
}

PretrainSpec readPretrain(const Map& top) {
  const Map map = section(top, "pretrain");
  PretrainSpec pretrain;
  if (map.has(key("text"))) {
    const YAML::Node text = map.node(key("text"));
    if (text.IsSequence()) {
      for (std::size_t i = 0; i < text.size(); ++i)
        pretrain.text << yaml::readDatasetRef(map.context(), text[i], map.valueMark(key("text")),
                                              QStringLiteral("pretrain.text[%1]").arg(i + 1));
    } else {
      pretrain.text << yaml::readDatasetRef(map.context(), text, map.valueMark(key("text")),
                                            key("pretrain.text"));
    }
  }
  schema::readFields(map, schema::pretrainFields(), pretrain);
  if (pretrain.steps > 0 && pretrain.text.isEmpty())
    top.failAt(key("pretrain"),
               QStringLiteral("pretrain has steps but no text: list datasets under pretrain.text"));
  return pretrain;
}

// Reads the keys a task shares with a target: dataset, task, epochs.
void readTask(const Map& map, TaskSpec& task) {
  map.require({key("dataset")});
  schema::readFields(map, schema::taskFields(), task);
  task.dataset = yaml::readDatasetRef(map.context(), map.node(key("dataset")),
                                      map.valueMark(key("dataset")), map.path(key("dataset")));
  if (task.task == QLatin1String("similarity") && task.dataset.isFile() &&
      task.dataset.scoreColumn.isEmpty())
    task.dataset.scoreColumn = QStringLiteral("score");
}

TaskSpec readIntermediate(const Map& top) {
  const Map map = section(top, "intermediate");
  TaskSpec task;
  readTask(map, task);
  if (!supervisedTaskNames().contains(task.task))
    map.failAt(key("task"), QStringLiteral("intermediate.task cannot be '%1': the intermediate "
                                           "step trains a model, so its task is one of %2")
                                .arg(task.task, supervisedTaskNames().join(QStringLiteral(", "))));
  return task;
}

// A language code as dataset.language's rule has it (ISO 639: 'de', 'fra'), or fails at at.
QString languageCode(const Map& map, const QString& text, const YAML::Mark& at,
                     const QString& what) {
  const QString problem = patternProblem(schemaKey(QStringLiteral("dataset.language")), text, what);
  if (!problem.isEmpty()) yaml::fail(map.context(), at, problem);
  return text;
}

// A translation-pair target from the user's parallel file, one column per language: English
// is the `en` column unless `text` names another; the translation is the column named by
// `text_pair`, else the one named after the target's language (resolved when planning, so a
// `languages` sweep reads one column per language).
void readParallelFileColumns(const Map& map, TargetSpec& target) {
  const YAML::Node dataset = map.node(key("dataset"));
  if (!dataset[std::string("text")].IsDefined()) target.dataset.textColumn = key("en");
  if (target.dataset.pairColumn.isEmpty() && target.dataset.language.isEmpty() &&
      !map.has(key("languages")))
    map.failAt(key("dataset"),
               QStringLiteral("%1: say which column holds the translation: language: de (the "
                              "column named after the language) or text_pair in the dataset")
                   .arg(map.path(key("task"))));
}

QList<TargetSpec> readTargets(const Map& top) {
  const YAML::Node list = top.node(key("targets"));
  if (!list.IsSequence() || list.size() == 0)
    top.failAt(key("targets"), QStringLiteral("targets must be a non-empty list of {dataset, "
                                              "task, domain} maps, not %1")
                                   .arg(yaml::describe(list)));
  QList<TargetSpec> targets;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Map map(top.context(), list[i], top.valueMark(key("targets")),
                  QStringLiteral("targets[%1]").arg(i + 1), sectionKeyNames(key("targets[]")));
    TargetSpec target;
    readTask(map, target);
    schema::readFields(map, schema::targetFields(), target);
    if (map.has(key("source")))
      target.source = yaml::readDatasetRef(map.context(), map.node(key("source")),
                                           map.valueMark(key("source")), map.path(key("source")));
    if (target.source && !vocab::is(target.setting, vocab::Setting::ZeroShot))
      map.failAt(key("source"),
                 QStringLiteral("%1: only a zero-shot target fine-tunes on a source dataset; add "
                                "`setting: zero-shot` or remove `source`")
                     .arg(map.path(key("source"))));
    if (vocab::is(target.setting, vocab::Setting::ZeroShot) && !target.source &&
        target.task != QLatin1String("retrieval"))
      map.failAt(key("setting"),
                 QStringLiteral("%1: a zero-shot target needs `source`: the English dataset to "
                                "fine-tune on before evaluating on the target")
                     .arg(map.path(key("setting"))));
    if (map.has(key("language")))
      target.dataset.language =
          languageCode(map, map.string(key("language"), QString()), map.valueMark(key("language")),
                       map.path(key("language")));
    if (target.task == QLatin1String("translation-pair") && target.dataset.isFile())
      readParallelFileColumns(map, target);
    if (map.has(key("languages"))) {
      // One target per language: the shorthand for a cross-lingual sweep.
      const YAML::Node list = map.node(key("languages"));
      if (!list.IsSequence() || list.size() == 0)
        map.failAt(key("languages"), QStringLiteral("%1 must be a list of language codes like "
                                                    "[de, fr, ja], not %2")
                                         .arg(map.path(key("languages")), yaml::describe(list)));
      for (const YAML::Node& code : list) {
        if (!code.IsScalar())
          yaml::fail(map.context(), code.Mark(),
                     QStringLiteral("%1: each entry must be a language code, not %2")
                         .arg(map.path(key("languages")), yaml::describe(code)));
        TargetSpec one = target;
        one.dataset.language =
            languageCode(map, QString::fromStdString(code.as<std::string>()).trimmed(), code.Mark(),
                         map.path(key("languages")));
        for (const TargetSpec& earlier : targets)
          if (earlier.name() == one.name())
            yaml::fail(map.context(), code.Mark(),
                       QStringLiteral("%1: '%2' appears twice")
                           .arg(map.path(key("languages")), one.dataset.language));
        targets << one;
      }
      continue;
    }
    targets << target;
  }
  return targets;
}

ProtocolSpec readProtocol(const Map& top) {
  const Map map = section(top, "protocol");
  ProtocolSpec protocol;
  schema::readFields(map, schema::protocolFields(), protocol);
  if (map.has(key("split"))) {
    const YAML::Node split = map.node(key("split"));
    if (!split.IsSequence() || split.size() != 3)
      map.failAt(key("split"), QStringLiteral("protocol.split must be three fractions [train, "
                                              "dev, test] like [0.7, 0.15, 0.15], not %1")
                                   .arg(yaml::describe(split)));
    double parts[3];
    for (std::size_t i = 0; i < 3; ++i) {
      parts[i] = yaml::parseNumber(map.context(), split[i], map.valueMark(key("split")),
                                   key("protocol.split"));
      if (parts[i] <= 0 || parts[i] >= 1)
        yaml::fail(map.context(), split[i].Mark(),
                   QStringLiteral("protocol.split: each fraction must be between 0 and 1, got %1")
                       .arg(parts[i]));
    }
    const double sum = parts[0] + parts[1] + parts[2];
    if (std::abs(sum - 1.0) > 1e-6)
      map.failAt(key("split"),
                 QStringLiteral("protocol.split must add up to 1, got %1").arg(sum, 0, 'g', 10));
    protocol.train = parts[0];
    protocol.dev = parts[1];
    protocol.test = parts[2];
  }
  if (map.has(key("seeds"))) {
    const YAML::Node seeds = map.node(key("seeds"));
    const YAML::Mark at = map.valueMark(key("seeds"));
    protocol.seeds.clear();
    // One seed or a list of them: each a distinct whole number from 0 to INT_MAX.
    const auto readSeed = [&](const YAML::Node& item) {
      const long long seed = yaml::parseInteger(map.context(), item, at, key("protocol.seeds"));
      const QString problem = seedProblem(seed, protocol.seeds);
      if (!problem.isEmpty()) yaml::fail(map.context(), item.Mark(), problem);
      protocol.seeds << static_cast<int>(seed);
    };
    if (seeds.IsScalar()) {
      readSeed(seeds);
    } else if (seeds.IsSequence() && seeds.size() > 0) {
      for (const YAML::Node& item : seeds) readSeed(item);
    } else {
      map.failAt(key("seeds"), QStringLiteral("protocol.seeds must be a list of whole numbers "
                                              "like [1, 2, 3], not %1")
                                   .arg(yaml::describe(seeds)));
    }
  }
  return protocol;
}

TrainSpec readTrain(const Map& top) {
  const Map map = section(top, "train");
  TrainSpec train;
  schema::readFields(map, schema::trainFields(), train);
  return train;
}

// The 0-based line, the one a parse error points at or the one before it, whose indentation
// holds a tab (YAML forbids tabs there); -1 when neither does.
int tabIndentedLine(const QString& text, const YAML::Mark& mark) {
  if (mark.is_null()) return -1;
  const QStringList lines = text.split(QLatin1Char('\n'));
  for (int line = mark.line; line >= 0 && line >= mark.line - 1; --line) {
    if (line >= lines.size()) continue;
    for (const QChar c : lines[line]) {
      if (c == QLatin1Char('\t')) return line;
      if (c != QLatin1Char(' ')) break;
    }
  }
  return -1;
}

}  // namespace

ExperimentSpec parseExperiment(const QString& yamlText, const QString& sourcePath) {
  const QString absolute =
      sourcePath.isEmpty() ? QString() : QFileInfo(sourcePath).absoluteFilePath();
  const Context context{
      absolute, absolute.isEmpty() ? QDir::currentPath() : QFileInfo(absolute).absolutePath()};
  YAML::Node root;
  try {
    root = YAML::Load(yamlText.toStdString());
  } catch (const YAML::DeepRecursion& error) {
    yaml::fail(
        context, error.mark,
        QStringLiteral(
            "malformed YAML: maps and lists nest more than %1 levels deep here; an experiment "
            "needs four at most (look for brackets that are never closed)")
            .arg(error.depth()));
  } catch (const YAML::Exception& error) {
    const QString said = QString::fromStdString(error.msg);
    const int tabLine = tabIndentedLine(yamlText, error.mark);
    if (tabLine >= 0) {
      YAML::Mark at = error.mark;
      at.line = tabLine;
      at.column = 0;
      yaml::fail(context, at,
                 QStringLiteral(
                     "malformed YAML: this line is indented with a tab; YAML indents with spaces "
                     "only (the parser said: %1)")
                     .arg(said));
    }
    yaml::fail(context, error.mark, QStringLiteral("malformed YAML: %1").arg(said));
  }
  const Map top(context, root, YAML::Mark(), QString(), sectionKeyNames(QString()));
  QStringList required;
  for (const SchemaKey& key : experimentSchema())
    if (key.required && key.section().isEmpty()) required << key.name();
  top.require(required);

  ExperimentSpec spec;
  spec.sourcePath = absolute;
  spec.yamlText = yamlText;
  spec.name = top.string(key("name"), QString());
  if (spec.name.isEmpty()) top.failAt(key("name"), QStringLiteral("name must not be empty"));
  spec.model = readModel(top);
  if (top.has(key("pretrain"))) spec.pretrain = readPretrain(top);
  if (top.has(key("intermediate"))) spec.intermediate = readIntermediate(top);
  spec.targets = readTargets(top);
  if (top.has(key("protocol"))) spec.protocol = readProtocol(top);
  if (top.has(key("train"))) spec.train = readTrain(top);
  return spec;
}

ExperimentSpec loadExperiment(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  const QByteArray bytes =
      readInputFile(absolute, kExperimentFileCap, QStringLiteral("an experiment"));
  return parseExperiment(decodeUtf8(bytes, absolute), path);
}

}  // namespace twb

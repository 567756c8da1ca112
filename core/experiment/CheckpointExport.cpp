// CheckpointExport: stage checkpoints described in their metadata and exported for transformers.
#include "experiment/CheckpointExport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "common/InputError.h"
#include "experiment/CheckpointMetadata.h"
#include "models/HfCheckpoint.h"
#include "store/RunStore.h"
#include "text/HfTokenizer.h"

namespace twb {
namespace {

QString headName(HeadKind head) {
  switch (head) {
    case HeadKind::Classification:
      return QStringLiteral("classification");
    case HeadKind::Regression:
      return QStringLiteral("regression");
    case HeadKind::MaskedLM:
      return QStringLiteral("masked-lm");
    case HeadKind::Embedding:
    case HeadKind::Encoder:
      break;
  }
  return QStringLiteral("encoder");
}

void copyInto(const QString& from, const QString& to) {
  QFile::remove(to);
  if (!QFile::copy(from, to))
    throw RunError(QStringLiteral("cannot copy %1 to %2").arg(from, to).toStdString());
}

}  // namespace

SafetensorsMetadata checkpointDescription(const EncoderConfig& config, HeadKind head,
                                          const QStringList& labels) {
  return {{QStringLiteral("arch"), config.arch},
          {QStringLiteral("hidden"), QString::number(config.hidden)},
          {QStringLiteral("layers"), QString::number(config.layers)},
          {QStringLiteral("heads"), QString::number(config.heads)},
          {QStringLiteral("intermediate"), QString::number(config.intermediate)},
          {QStringLiteral("vocab_size"), QString::number(config.vocabSize)},
          {QStringLiteral("head"), headName(head)},
          {QStringLiteral("labels"),
           QString::fromUtf8(
               QJsonDocument(QJsonArray::fromStringList(labels)).toJson(QJsonDocument::Compact))},
          {QStringLiteral("layer_norm_eps"), QString::number(config.layerNormEps, 'g', 17)},
          {QStringLiteral("max_positions"), QString::number(config.maxPositions)},
          {QStringLiteral("type_vocab"), QString::number(config.typeVocab)},
          {QStringLiteral("pad_id"), QString::number(config.padId)},
          {QStringLiteral("dropout"), QString::number(config.dropout, 'g', 17)}};
}

HfModelConfig configFromMetadata(const SafetensorsMetadata& m, const QString& path) {
  auto value = [&](const char* key) {
    const QString name = QString::fromLatin1(key);
    if (!m.contains(name))
      throw InputError(path, 0, 0,
                       QStringLiteral("no \"%1\" in the checkpoint's metadata: not a stage "
                                      "checkpoint of this version of the workbench")
                           .arg(name));
    return m.value(name);
  };
  HfModelConfig config;
  EncoderConfig& e = config.encoder;
  e.arch = value("arch");
  config.modelType = m.value(QStringLiteral("model_type"), e.arch);
  e.hidden = value("hidden").toInt();
  e.layers = value("layers").toInt();
  e.heads = value("heads").toInt();
  e.intermediate = value("intermediate").toInt();
  e.vocabSize = value("vocab_size").toInt();
  e.layerNormEps = value("layer_norm_eps").toDouble();
  e.maxPositions = value("max_positions").toInt();
  e.typeVocab = value("type_vocab").toInt();
  e.padId = value("pad_id").toInt();
  e.dropout = value("dropout").toDouble();
  const QString head = value("head");
  config.head = head == QLatin1String("masked-lm") ? HfHead::MaskedLM
                : head == QLatin1String("encoder") ? HfHead::Base
                                                   : HfHead::SequenceClassification;
  config.regression = head == QLatin1String("regression");
  for (const QJsonValue& label : QJsonDocument::fromJson(value("labels").toUtf8()).array())
    config.labels << label.toString();
  if (config.regression) config.labels = {QStringLiteral("score")};
  return config;
}

QString stageCheckpointPath(const QString& dbPath, qint64 experimentId, int seed,
                            const QString& stage) {
  const RunStore store(dbPath);
  return QStringLiteral("%1/seed%2-%3.safetensors")
      .arg(store.checkpointFolder(experimentId))
      .arg(seed)
      .arg(stage);
}

ExportedModel exportCheckpointAsHf(const QString& checkpointFile, const QString& outDir) {
  if (!QFileInfo::exists(checkpointFile))
    throw InputError(checkpointFile, 0, 0, QStringLiteral("no such checkpoint"));
  SafetensorsMetadata metadata;
  const StateDict state = loadSafetensors(checkpointFile, &metadata);
  const HfModelConfig config = configFromMetadata(metadata, checkpointFile);
  TaskModel model(config.encoder, headKindOf(config), config.labels.size());
  model->loadState(state);

  ExportedModel result;
  result.folder = QDir(outDir).absolutePath();
  result.architecture = config.className(config.head);
  exportHfModel(*model, config, result.folder);
  result.files << QStringLiteral("config.json") << QStringLiteral("model.safetensors");
  const QString tokenizerFolder = metadata.value(QStringLiteral("tokenizer_folder"));
  const QString tokenizerModel = metadata.value(QStringLiteral("tokenizer_model"));
  if (!tokenizerFolder.isEmpty()) {
    for (const QString& file : hfTokenizerFiles(tokenizerFolder, config.modelType)) {
      copyInto(tokenizerFolder + QLatin1Char('/') + file, result.folder + QLatin1Char('/') + file);
      result.files << file;
    }
  } else if (!tokenizerModel.isEmpty() && QFileInfo::exists(tokenizerModel)) {
    copyInto(tokenizerModel, result.folder + QStringLiteral("/sentencepiece.model"));
    result.files << QStringLiteral("sentencepiece.model");
    result.notes << QStringLiteral(
        "the tokenizer is the workbench's own sentencepiece model (ids 0-4: <pad> <unk> <cls> "
        "<sep> <mask>), trained on the run's text; transformers' tokenizer classes for this "
        "family do not read it, so tokenize with sentencepiece and these ids");
  } else {
    result.notes << QStringLiteral("the checkpoint names no tokenizer: none was copied");
  }
  return result;
}

}  // namespace twb

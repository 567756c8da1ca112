// HfCheckpoint: reading, checking and writing the weights of Hugging Face checkpoint folders.
#include "models/HfCheckpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <set>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "common/JsonFile.h"
#include "models/Safetensors.h"
#include "models/StateCopy.h"

namespace twb {
namespace {

const char* const kHeadPrefixes[] = {"cls.",        "lm_head.",     "lm_loss.",
                                     "classifier.", "logits_proj.", "sequence_summary.",
                                     "qa_outputs.", "pooler."};

std::string familyPrefix(const EncoderConfig& config) {
  // Hugging Face's module names: XLNet's encoder is "transformer".
  return familyTraitsOf(config.arch)->modulePrefix;
}

bool isHeadKey(const std::string& key) {
  for (const char* prefix : kHeadPrefixes)
    if (hasPrefix(key, prefix)) return true;
  return false;
}

std::string normalisedName(std::string key) {
  for (const auto& [old, now] :
       {std::pair<std::string, std::string>{"LayerNorm.gamma", "LayerNorm.weight"},
        {"LayerNorm.beta", "LayerNorm.bias"}}) {
    if (hasSuffix(key, old)) key = key.substr(0, key.size() - old.size()) + now;
  }
  return key;
}

[[noreturn]] void refusePickle(const QString& folder, const QString& file) {
  throw InputError(
      folder + QLatin1Char('/') + file, 0, 0,
      QStringLiteral(
          "the weights are a Python pickle, and loading a pickle can run any code it contains, "
          "so the workbench does not read it. Convert the folder to safetensors once, e.g. with "
          "transformers: python3 -c \"from transformers import AutoModel; "
          "AutoModel.from_pretrained('%1').save_pretrained('%1', safe_serialization=True)\" "
          "(or take model.safetensors from the Hub, where most models have one)")
          .arg(folder));
}

QStringList shardFiles(const QString& index) {
  const QJsonObject map = readJsonObjectFile(index).value(QStringLiteral("weight_map")).toObject();
  if (map.isEmpty())
    throw InputError(index, 0, 0, QStringLiteral("key \"weight_map\": missing or empty"));
  QStringList files;
  for (const QJsonValue& value : map)
    if (!files.contains(value.toString())) files << value.toString();
  return files;
}

QString listed(const QStringList& keys, int shown = 8) {
  QString text = keys.mid(0, shown).join(QStringLiteral(", "));
  if (keys.size() > shown) text += QStringLiteral(" and %1 more").arg(keys.size() - shown);
  return text;
}

std::vector<StateTarget> targetsOf(TaskModelImpl& model) {
  std::vector<StateTarget> targets;
  for (const auto& item : model.named_parameters(true))
    targets.push_back({item.key(), item.value()});
  for (const auto& item : model.named_buffers(true)) targets.push_back({item.key(), item.value()});
  return targets;
}

bool hasPooler(const StateDict& state, const std::string& prefix) {
  return state.count(prefix + ".pooler.dense.weight") > 0;
}

}  // namespace

HeadKind headKindOf(const HfModelConfig& config) {
  switch (config.head) {
    case HfHead::SequenceClassification:
      return config.regression ? HeadKind::Regression : HeadKind::Classification;
    case HfHead::MaskedLM:
      return HeadKind::MaskedLM;
    case HfHead::Base:
      return HeadKind::Encoder;
  }
  return HeadKind::Encoder;
}

StateDict readHfWeights(const QString& folder, const HfModelConfig& config) {
  const QDir dir(folder);
  QStringList files;
  if (dir.exists(QStringLiteral("model.safetensors"))) {
    files << dir.filePath(QStringLiteral("model.safetensors"));
  } else if (dir.exists(QStringLiteral("model.safetensors.index.json"))) {
    for (const QString& shard :
         shardFiles(dir.filePath(QStringLiteral("model.safetensors.index.json"))))
      files << dir.filePath(shard);
  } else {
    for (const char* pickle : {"pytorch_model.bin", "pytorch_model.bin.index.json"})
      if (dir.exists(QLatin1String(pickle))) refusePickle(folder, QLatin1String(pickle));
    throw InputError(folder, 0, 0,
                     QStringLiteral("no model.safetensors (nor model.safetensors.index.json) in "
                                    "the checkpoint folder"));
  }
  const std::string prefix = familyPrefix(config.encoder);
  StateDict raw;
  for (const QString& file : files) {
    if (!QFileInfo::exists(file))
      throw InputError(file, 0, 0, QStringLiteral("a shard named by the index is missing"));
    for (auto& [key, tensor] : loadSafetensors(file))
      raw.emplace(normalisedName(key),
                  tensor.is_floating_point() ? tensor.to(torch::kFloat) : tensor);
  }
  bool prefixed = false;
  for (const auto& item : raw) prefixed |= hasPrefix(item.first, prefix + ".");
  if (prefixed) return raw;
  // A bare encoder (BertModel, XLNetModel saved alone): its keys lack the family prefix.
  StateDict state;
  for (auto& [key, tensor] : raw) {
    const bool head = isHeadKey(key) && !hasPrefix(key, "pooler.");
    state.emplace(head ? key : prefix + "." + key, tensor);
  }
  return state;
}

HfModel importHfModel(const QString& folder) {
  HfModel result;
  result.config = readHfConfig(folder);
  const StateDict state = readHfWeights(folder, result.config);
  const std::string prefix = familyPrefix(result.config.encoder);
  const HeadKind head = headKindOf(result.config);
  result.model = TaskModel(result.config.encoder, head, result.config.labels.size(),
                           head == HeadKind::Encoder && hasPooler(state, prefix));
  result.model->eval();
  const std::set<std::string> used = copyState(targetsOf(*result.model), state, prefix,
                                               QStringLiteral("%1's weights").arg(folder));
  QStringList unexpected, unused;
  for (const auto& item : state) {
    if (used.count(item.first) || tiedOrBufferKey(item.first)) continue;
    const QString key = QString::fromStdString(item.first);
    // BertForPreTraining's next-sentence head and a pooler no head reads are left, as the
    // original library leaves them.
    // A head the engine has no class for (token classification, question answering) leaves
    // the encoder to run alone: its keys are reported, not refused.
    const bool otherHead = result.config.head == HfHead::Base && isHeadKey(item.first);
    if (otherHead || hasPrefix(item.first, "cls.seq_relationship.") ||
        hasPrefix(item.first, prefix + ".pooler."))
      unused << key;
    else
      unexpected << key;
  }
  if (!unexpected.isEmpty())
    throw InputError(folder, 0, 0,
                     QStringLiteral("the weights do not fit %1 (config.json): unexpected keys %2")
                         .arg(result.config.className(result.config.head), listed(unexpected)));
  if (!unused.isEmpty())
    result.notes << QStringLiteral("not used by %1: %2")
                        .arg(result.config.className(result.config.head), listed(unused));
  return result;
}

StateDict importHfEncoder(const QString& folder, const HfModelConfig& config, QStringList* notes) {
  const StateDict state = readHfWeights(folder, config);
  const std::string prefix = familyPrefix(config.encoder);
  TaskModel model(config.encoder, HeadKind::Encoder, 0, hasPooler(state, prefix));
  std::vector<StateTarget> targets;
  for (const StateTarget& target : targetsOf(*model))
    if (hasPrefix(target.key, prefix + ".")) targets.push_back(target);
  const std::set<std::string> used =
      copyState(targets, state, prefix, QStringLiteral("%1's encoder weights").arg(folder));
  QStringList unexpected, replaced;
  for (const auto& item : state) {
    if (used.count(item.first) || tiedOrBufferKey(item.first)) continue;
    (hasPrefix(item.first, prefix + ".") ? unexpected : replaced)
        << QString::fromStdString(item.first);
  }
  if (!unexpected.isEmpty())
    throw InputError(folder, 0, 0,
                     QStringLiteral("the encoder weights do not fit config.json: unexpected keys "
                                    "%1")
                         .arg(listed(unexpected)));
  if (notes && !replaced.isEmpty())
    *notes << QStringLiteral(
                  "the checkpoint's own head is replaced by the task's new head "
                  "(trained from scratch): %1")
                  .arg(listed(replaced));
  return model->encoderState();
}

void exportHfModel(TaskModelImpl& model, const HfModelConfig& config, const QString& folder) {
  if (!QDir().mkpath(folder))
    throw RunError(QStringLiteral("cannot create %1").arg(folder).toStdString());
  StateDict tensors;
  for (const auto& [key, tensor] : model.state()) {
    if (tiedOrBufferKey(key)) continue;  // tied decoders are the word embeddings
    tensors.emplace(key, tensor);
  }
  saveSafetensors(folder + QStringLiteral("/model.safetensors"), tensors,
                  {{QStringLiteral("format"), QStringLiteral("pt")}});
  QSaveFile file(folder + QStringLiteral("/config.json"));
  const QByteArray json = QJsonDocument(hfConfigJson(config)).toJson(QJsonDocument::Indented);
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
    throw RunError(QStringLiteral("cannot write %1: %2")
                       .arg(file.fileName(), file.errorString())
                       .toStdString());
}

}  // namespace twb

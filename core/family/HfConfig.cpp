// HfConfig: reading and writing Hugging Face config.json files for the three encoder families.
#include "family/HfConfig.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <limits>
#include <optional>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "common/JsonFile.h"
#include "common/Vocabulary.h"

namespace twb {
namespace {

class Fields {
 public:
  Fields(const QString& path, const QJsonObject& json) : path_(path), json_(json) {}

  [[noreturn]] void fail(const QString& key, const QString& message) const {
    throw InputError(path_, 0, 0, QStringLiteral("key \"%1\": %2").arg(key, message));
  }

  int integer(const QString& key, std::optional<int> fallback = std::nullopt) const {
    const QJsonValue value = json_.value(key);
    if (value.isUndefined() || value.isNull()) {
      if (fallback) return *fallback;
      fail(key, QStringLiteral("missing; a %1 config needs it").arg(modelType()));
    }
    const double number = value.toDouble(-1e300);
    if (!value.isDouble() || number != std::trunc(number) ||
        std::abs(number) > std::numeric_limits<int>::max())
      fail(key, QStringLiteral("must be an integer"));
    return static_cast<int>(number);
  }

  // A model size: a positive integer.
  int size(const QString& key) const {
    const int value = integer(key);
    if (value <= 0) fail(key, QStringLiteral("must be positive, got %1").arg(value));
    return value;
  }

  double real(const QString& key, double fallback) const {
    const QJsonValue value = json_.value(key);
    if (value.isUndefined() || value.isNull()) return fallback;
    if (!value.isDouble()) fail(key, QStringLiteral("must be a number"));
    return value.toDouble();
  }

  QString text(const QString& key, const QString& fallback) const {
    const QJsonValue value = json_.value(key);
    if (value.isUndefined() || value.isNull()) return fallback;
    if (!value.isString()) fail(key, QStringLiteral("must be a string"));
    return value.toString();
  }

  // A setting the engine implements for one value only (or a few).
  void require(const QString& key, const QJsonValue& fallback, const QList<QJsonValue>& allowed,
               const QString& why) const {
    QJsonValue value = json_.value(key);
    if (value.isUndefined()) value = fallback;
    if (allowed.contains(value)) return;
    const QString shown =
        QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    fail(key, QStringLiteral("%1 is not supported: %2").arg(shown, why));
  }

  QString modelType() const { return json_.value(QStringLiteral("model_type")).toString(); }
  const QJsonObject& json() const { return json_; }

 private:
  QString path_;
  QJsonObject json_;
};

QJsonObject readConfigFile(const QString& path) {
  if (!QFileInfo::exists(path))
    throw InputError(path, 0, 0, QStringLiteral("no config.json: not a Hugging Face checkpoint"));
  return readJsonObjectFile(path);
}

HfHead headOf(const QString& architecture) {
  if (architecture.endsWith(QLatin1String("ForSequenceClassification")))
    return HfHead::SequenceClassification;
  if (architecture.endsWith(QLatin1String("ForMaskedLM")) ||
      architecture == QLatin1String("BertForPreTraining") ||
      architecture == QLatin1String("XLNetLMHeadModel"))
    return HfHead::MaskedLM;
  return HfHead::Base;
}

void readBertFamily(const Fields& f, EncoderConfig& e) {
  e.vocabSize = f.size(QStringLiteral("vocab_size"));
  e.hidden = f.size(QStringLiteral("hidden_size"));
  e.layers = f.size(QStringLiteral("num_hidden_layers"));
  e.heads = f.size(QStringLiteral("num_attention_heads"));
  e.intermediate = f.size(QStringLiteral("intermediate_size"));
  e.maxPositions = f.integer(QStringLiteral("max_position_embeddings"), 512);
  e.typeVocab = f.integer(QStringLiteral("type_vocab_size"), 2);
  e.layerNormEps = f.real(QStringLiteral("layer_norm_eps"), 1e-12);
  e.dropout = f.real(QStringLiteral("hidden_dropout_prob"), 0.1);
  e.padId = f.integer(QStringLiteral("pad_token_id"), familyTraitsOf(e.arch)->defaultPadId);
  f.require(QStringLiteral("hidden_act"), QStringLiteral("gelu"), {QStringLiteral("gelu")},
            QStringLiteral("the engine's blocks use the exact (erf) GELU"));
  f.require(QStringLiteral("position_embedding_type"), QStringLiteral("absolute"),
            {QStringLiteral("absolute")},
            QStringLiteral("the engine implements learned absolute positions"));
  f.require(QStringLiteral("is_decoder"), false, {false},
            QStringLiteral("the engine runs encoders only"));
}

void readXLNet(const Fields& f, EncoderConfig& e) {
  e.vocabSize = f.size(QStringLiteral("vocab_size"));
  e.hidden = f.size(QStringLiteral("d_model"));
  e.layers = f.size(QStringLiteral("n_layer"));
  e.heads = f.size(QStringLiteral("n_head"));
  e.intermediate = f.size(QStringLiteral("d_inner"));
  e.layerNormEps = f.real(QStringLiteral("layer_norm_eps"), 1e-12);
  e.dropout = f.real(QStringLiteral("dropout"), 0.1);
  e.padId = f.integer(QStringLiteral("pad_token_id"), familyTraitsOf(e.arch)->defaultPadId);
  e.maxPositions = 512;
  e.typeVocab = 3;
  if (e.heads > 0 && f.integer(QStringLiteral("d_head"), e.hidden / e.heads) * e.heads != e.hidden)
    f.fail(QStringLiteral("d_head"), QStringLiteral("must be d_model / n_head"));
  f.require(QStringLiteral("ff_activation"), QStringLiteral("gelu"), {QStringLiteral("gelu")},
            QStringLiteral("the engine's feed-forward uses the exact (erf) GELU"));
  f.require(QStringLiteral("untie_r"), true, {true},
            QStringLiteral("the engine keeps relative-attention biases per layer"));
  f.require(QStringLiteral("attn_type"), QStringLiteral("bi"), {QStringLiteral("bi")},
            QStringLiteral("the engine's XLNet attends bidirectionally"));
  f.require(QStringLiteral("bi_data"), false, {false},
            QStringLiteral("bidirectional data pipelines are for pretraining only"));
  f.require(QStringLiteral("clamp_len"), -1, {-1, QJsonValue()},
            QStringLiteral("the engine does not clamp relative positions"));
  f.require(QStringLiteral("summary_type"), QStringLiteral("last"), {QStringLiteral("last")},
            QStringLiteral("the engine's summary reads the last token"));
  f.require(QStringLiteral("summary_use_proj"), true, {true},
            QStringLiteral("the engine's summary has a projection"));
  f.require(QStringLiteral("summary_activation"), QStringLiteral("tanh"), {QStringLiteral("tanh")},
            QStringLiteral("the engine's summary uses tanh"));
}

constexpr int kMaxLabels = 100000;

// id2label in id order. transformers leaves id2label out of config.json when it is its default
// (two labels, LABEL_0 and LABEL_1), so a sequence classifier with neither key has two.
QStringList readLabels(const Fields& f, const QString& path, HfHead head) {
  const QJsonValue value = f.json().value(QStringLiteral("id2label"));
  int count = f.integer(QStringLiteral("num_labels"), 0);
  // Every label becomes a string and a row of the head: a stray 2e9 would exhaust memory.
  if (count < 0 || count > kMaxLabels)
    throw InputError(path, 0, 0,
                     QStringLiteral("key \"num_labels\": %1 is not a label count from 0 to %2")
                         .arg(count)
                         .arg(kMaxLabels));
  if (count == 0 && !value.isObject() && head == HfHead::SequenceClassification) count = 2;
  QStringList labels;
  if (value.isObject()) {
    const QJsonObject map = value.toObject();
    if (count == 0) count = map.size();
    for (int i = 0; i < count; ++i) {
      const QJsonValue label = map.value(QString::number(i));
      if (!label.isString())
        throw InputError(
            path, 0, 0,
            QStringLiteral("key \"id2label\": no label for id %1 (of %2)").arg(i).arg(count));
      labels << label.toString();
    }
  } else {
    for (int i = 0; i < count; ++i) labels << QStringLiteral("LABEL_%1").arg(i);
  }
  return labels;
}

}  // namespace

QString hfArchOf(const QString& modelType) {
  const FamilyTraits* traits = familyOfHfType(modelType);
  return traits ? vocab::name(traits->family) : QString();
}

QString HfModelConfig::className(HfHead which) const {
  const HfModelType* type = hfModelType(modelType);
  const FamilyTraits* traits = familyOfHfType(modelType);
  const QString stem = type ? QString::fromLatin1(type->classStem) : QStringLiteral("Bert");
  switch (which) {
    case HfHead::Base:
      return stem + QStringLiteral("Model");
    case HfHead::SequenceClassification:
      return stem + QStringLiteral("ForSequenceClassification");
    case HfHead::MaskedLM:
      return traits && traits->maskedLmClass ? QString::fromLatin1(traits->maskedLmClass)
                                             : stem + QStringLiteral("ForMaskedLM");
  }
  return stem + QStringLiteral("Model");
}

HfModelConfig readHfConfig(const QString& folder) {
  HfModelConfig config;
  config.path = folder + QStringLiteral("/config.json");
  const Fields f(config.path, readConfigFile(config.path));
  config.modelType = f.text(QStringLiteral("model_type"), QString());
  config.encoder.arch = hfArchOf(config.modelType);
  if (config.encoder.arch.isEmpty()) {
    f.fail(QStringLiteral("model_type"),
           QStringLiteral("\"%1\" is not a family the workbench runs; supported: %2")
               .arg(config.modelType, hfModelTypes().join(QStringLiteral(", "))));
  }
  const QJsonArray architectures = f.json().value(QStringLiteral("architectures")).toArray();
  if (!architectures.isEmpty()) config.architecture = architectures.first().toString();
  config.head = headOf(config.architecture);
  switch (familyTraitsOf(config.encoder.arch)->encoder) {
    case EncoderKind::Xlnet:
      readXLNet(f, config.encoder);
      break;
    case EncoderKind::Bert:
      readBertFamily(f, config.encoder);
      break;
  }
  EncoderConfig& e = config.encoder;
  if (e.hidden % e.heads != 0)
    f.fail(QStringLiteral("num_attention_heads"),
           QStringLiteral("%1 heads do not divide the hidden size %2").arg(e.heads).arg(e.hidden));
  if (e.padId < 0 || e.padId >= e.vocabSize)
    f.fail(QStringLiteral("pad_token_id"),
           QStringLiteral("%1 is outside the vocabulary of %2").arg(e.padId).arg(e.vocabSize));
  config.labels = readLabels(f, config.path, config.head);
  const QString problem = f.text(QStringLiteral("problem_type"), QString());
  if (problem == QLatin1String("multi_label_classification"))
    f.fail(QStringLiteral("problem_type"),
           QStringLiteral("multi-label classifiers are not supported (the engine's heads pick one "
                          "label per text)"));
  config.regression =
      problem == QLatin1String("regression") || (problem.isEmpty() && config.labels.size() == 1 &&
                                                 config.head == HfHead::SequenceClassification);
  return config;
}

QJsonObject hfConfigJson(const HfModelConfig& config) {
  const EncoderConfig& e = config.encoder;
  QJsonObject json;
  json.insert(QStringLiteral("model_type"), config.modelType);
  json.insert(QStringLiteral("architectures"), QJsonArray{config.className(config.head)});
  json.insert(QStringLiteral("vocab_size"), e.vocabSize);
  json.insert(QStringLiteral("layer_norm_eps"), e.layerNormEps);
  json.insert(QStringLiteral("pad_token_id"), e.padId);
  json.insert(QStringLiteral("initializer_range"), 0.02);
  if (familyTraitsOf(e.arch)->encoder == EncoderKind::Xlnet) {
    json.insert(QStringLiteral("d_model"), e.hidden);
    json.insert(QStringLiteral("n_layer"), e.layers);
    json.insert(QStringLiteral("n_head"), e.heads);
    json.insert(QStringLiteral("d_head"), e.hidden / e.heads);
    json.insert(QStringLiteral("d_inner"), e.intermediate);
    json.insert(QStringLiteral("ff_activation"), QStringLiteral("gelu"));
    json.insert(QStringLiteral("untie_r"), true);
    json.insert(QStringLiteral("attn_type"), QStringLiteral("bi"));
    json.insert(QStringLiteral("bi_data"), false);
    json.insert(QStringLiteral("clamp_len"), -1);
    json.insert(QStringLiteral("same_length"), false);
    json.insert(QStringLiteral("dropout"), e.dropout);
    json.insert(QStringLiteral("summary_type"), QStringLiteral("last"));
    json.insert(QStringLiteral("summary_use_proj"), true);
    json.insert(QStringLiteral("summary_activation"), QStringLiteral("tanh"));
    json.insert(QStringLiteral("summary_last_dropout"), e.dropout);
  } else {
    json.insert(QStringLiteral("hidden_size"), e.hidden);
    json.insert(QStringLiteral("num_hidden_layers"), e.layers);
    json.insert(QStringLiteral("num_attention_heads"), e.heads);
    json.insert(QStringLiteral("intermediate_size"), e.intermediate);
    json.insert(QStringLiteral("hidden_act"), QStringLiteral("gelu"));
    json.insert(QStringLiteral("max_position_embeddings"), e.maxPositions);
    json.insert(QStringLiteral("type_vocab_size"), e.typeVocab);
    json.insert(QStringLiteral("hidden_dropout_prob"), e.dropout);
    json.insert(QStringLiteral("attention_probs_dropout_prob"), e.dropout);
    json.insert(QStringLiteral("position_embedding_type"), QStringLiteral("absolute"));
  }
  if (!config.labels.isEmpty()) {
    QJsonObject id2label, label2id;
    for (int i = 0; i < config.labels.size(); ++i) {
      id2label.insert(QString::number(i), config.labels[i]);
      label2id.insert(config.labels[i], i);
    }
    json.insert(QStringLiteral("id2label"), id2label);
    json.insert(QStringLiteral("label2id"), label2id);
    if (config.head == HfHead::SequenceClassification)
      json.insert(QStringLiteral("problem_type"),
                  config.regression ? QStringLiteral("regression")
                                    : QStringLiteral("single_label_classification"));
  }
  return json;
}

}  // namespace twb

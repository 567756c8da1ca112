// HfConfig: a Hugging Face config.json read into the engine's EncoderConfig, and written back.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "family/EncoderConfig.h"

namespace twb {

// The head a checkpoint's `architectures` names.
enum class HfHead {
  Base,                    // BertModel, RobertaModel, XLNetModel: hidden states only
  SequenceClassification,  // *ForSequenceClassification (regression when num_labels is 1)
  MaskedLM,                // *ForMaskedLM, BertForPreTraining, XLNetLMHeadModel
};

struct HfModelConfig {
  QString path;          // the config.json read
  QString modelType;     // bert | roberta | xlm-roberta | xlnet
  QString architecture;  // architectures[0]; empty when the file names none
  HfHead head = HfHead::Base;
  EncoderConfig encoder;  // arch bert | roberta | xlnet
  QStringList labels;     // id2label in id order (num_labels entries)
  bool regression = false;

  // The families' own class names: "BertForSequenceClassification", "XLNetLMHeadModel", ...
  QString className(HfHead head) const;
};

// Reads folder/config.json. Throws InputError naming the file and the key for a missing or
// malformed field, an unknown model_type, or a setting the engine does not implement (another
// activation, XLNet's tied biases or clamped positions), saying which values are supported.
HfModelConfig readHfConfig(const QString& folder);

// config.json for a model the engine holds, with the fields and class names Hugging Face reads.
QJsonObject hfConfigJson(const HfModelConfig& config);

// The architecture family ("bert", "roberta", "xlnet") of a model_type, empty when unknown.
QString hfArchOf(const QString& modelType);

}  // namespace twb

// TaskModel: one encoder family with one head, and its state in Hugging Face's key names.
#include "models/TaskModel.h"

#include <set>

#include "common/InputError.h"
#include "models/Bert.h"
#include "models/Heads.h"
#include "models/ModuleInit.h"
#include "models/XLNet.h"

namespace twb {

struct TaskModelImpl::Parts {
  EncoderConfig config;
  HeadKind head = HeadKind::Classification;
  std::string prefix;  // "bert", "roberta" or "transformer"

  BertModel bert{nullptr};  // BERT and RoBERTa
  XLNetModel xlnet{nullptr};

  torch::nn::Dropout dropout{nullptr};    // BERT: before the classifier
  torch::nn::Linear classifier{nullptr};  // BERT "classifier", XLNet "logits_proj"
  RobertaClassificationHead robertaHead{nullptr};
  SequenceSummary summary{nullptr};
  BertMaskedLMHead bertLM{nullptr};
  RobertaLMHead robertaLM{nullptr};
  TiedDecoder xlnetLM{nullptr};

  torch::Tensor wordEmbeddings() const {
    return xlnet ? xlnet->word_embedding->weight : bert->embeddings->word_embeddings->weight;
  }
};

namespace {

QString shapeText(torch::IntArrayRef shape) {
  QStringList sizes;
  for (auto size : shape) sizes << QString::number(size);
  return QStringLiteral("[%1]").arg(sizes.join(QStringLiteral(", ")));
}

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The names a checkpoint may use for one of our keys: itself, the TensorFlow-era
// LayerNorm gamma/beta, and either without the family prefix (some BERT checkpoints).
std::vector<std::string> aliases(const std::string& key, const std::string& prefix) {
  std::vector<std::string> names{key};
  const std::string ln = "LayerNorm.";
  if (endsWith(key, ln + "weight")) names.push_back(key.substr(0, key.size() - 6) + "gamma");
  if (endsWith(key, ln + "bias")) names.push_back(key.substr(0, key.size() - 4) + "beta");
  if (startsWith(key, prefix + ".")) {
    const std::size_t count = names.size();
    for (std::size_t i = 0; i < count; ++i) names.push_back(names[i].substr(prefix.size() + 1));
  }
  return names;
}

// Keys a Hugging Face checkpoint holds that this model has no parameter for by design: tied
// decoders (they are the word embeddings) and the position-id buffer.
bool ignorableKey(const std::string& key) {
  static const std::set<std::string> tied{"cls.predictions.decoder.weight",
                                          "cls.predictions.decoder.bias", "lm_head.decoder.weight",
                                          "lm_head.decoder.bias", "lm_loss.weight"};
  return tied.count(key) > 0 || endsWith(key, "embeddings.position_ids");
}

struct Target {
  std::string key;
  torch::Tensor tensor;
  bool optional = false;
};

// Checks every target against state (missing keys, shapes), then copies them all, so a failed
// load leaves the model untouched. Returns the state keys used.
std::set<std::string> copyState(const std::vector<Target>& targets, const StateDict& state,
                                const std::string& prefix, const QString& what) {
  QStringList problems;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
  std::set<std::string> used;
  for (const Target& target : targets) {
    const QString key = QString::fromStdString(target.key);
    auto found = state.end();
    for (const std::string& name : aliases(target.key, prefix)) {
      found = state.find(name);
      if (found != state.end()) break;
    }
    if (found == state.end()) {
      if (!target.optional) problems << QStringLiteral("missing key \"%1\"").arg(key);
      continue;
    }
    used.insert(found->first);
    if (!found->second.defined() || found->second.sizes() != target.tensor.sizes()) {
      problems << QStringLiteral("key \"%1\" has shape %2 but the model needs %3")
                      .arg(QString::fromStdString(found->first),
                           found->second.defined() ? shapeText(found->second.sizes())
                                                   : QStringLiteral("(undefined)"),
                           shapeText(target.tensor.sizes()));
      continue;
    }
    copies.emplace_back(target.tensor, found->second);
  }
  if (!problems.isEmpty()) {
    const int shown = 8;
    QString text = problems.mid(0, shown).join(QStringLiteral("; "));
    if (problems.size() > shown)
      text += QStringLiteral("; and %1 more").arg(problems.size() - shown);
    throw InputError(QStringLiteral("%1 does not fit the model: %2").arg(what, text));
  }
  torch::NoGradGuard noGrad;
  for (auto& [destination, source] : copies) destination.copy_(source);
  return used;
}

}  // namespace

TaskModelImpl::TaskModelImpl(const EncoderConfig& config, HeadKind head, int numLabels)
    : parts_(std::make_shared<Parts>()) {
  Parts& p = *parts_;
  p.config = config;
  p.head = head;
  const bool xlnet = config.arch == QLatin1String("xlnet");
  const bool roberta = config.arch == QLatin1String("roberta");
  if (!xlnet && !roberta && config.arch != QLatin1String("bert")) {
    throw InputError(QStringLiteral("model.arch: unknown architecture \"%1\"; valid values: "
                                    "bert, roberta, xlnet")
                         .arg(config.arch));
  }
  const bool sequenceHead = head == HeadKind::Classification || head == HeadKind::Regression;
  const int labels = head == HeadKind::Regression ? 1 : numLabels;
  if (head == HeadKind::Classification && numLabels < 1) {
    throw InputError(
        QStringLiteral("a classification head needs at least one label, got %1").arg(numLabels));
  }

  p.prefix = xlnet ? "transformer" : roberta ? "roberta" : "bert";
  if (xlnet) {
    p.xlnet = register_module(p.prefix, XLNetModel(config));
  } else {
    // Only BERT's sequence heads use the pooler (Hugging Face's add_pooling_layer).
    p.bert = register_module(p.prefix, BertModel(config, !roberta && sequenceHead));
  }

  if (sequenceHead) {
    if (xlnet) {
      p.summary = register_module("sequence_summary", SequenceSummary(config));
      p.classifier = register_module("logits_proj", torch::nn::Linear(config.hidden, labels));
    } else if (roberta) {
      p.robertaHead = register_module("classifier", RobertaClassificationHead(config, labels));
    } else {
      p.dropout = register_module("dropout", torch::nn::Dropout(config.dropout));
      p.classifier = register_module("classifier", torch::nn::Linear(config.hidden, labels));
    }
    if (p.classifier) initLinear(p.classifier);
  } else if (head == HeadKind::MaskedLM) {
    if (xlnet) {
      p.xlnetLM = register_module("lm_loss", TiedDecoder(config.vocabSize));
    } else if (roberta) {
      p.robertaLM = register_module("lm_head", RobertaLMHead(config));
    } else {
      p.bertLM = register_module("cls", BertMaskedLMHead(config));
    }
  }
}

torch::Tensor TaskModelImpl::hidden(const torch::Tensor& ids, const torch::Tensor& mask,
                                    const torch::Tensor& types) {
  TORCH_CHECK(ids.dim() == 2, "TaskModel: ids must be [B, T]");
  TORCH_CHECK(mask.sizes() == ids.sizes(), "TaskModel: mask must have the shape of ids");
  TORCH_CHECK(!types.defined() || types.sizes() == ids.sizes(),
              "TaskModel: types must have the shape of ids");
  Parts& p = *parts_;
  return p.xlnet ? p.xlnet->forward(ids, mask, types) : p.bert->forward(ids, mask, types);
}

torch::Tensor TaskModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& mask,
                                     const torch::Tensor& types) {
  const torch::Tensor h = hidden(ids, mask, types);
  Parts& p = *parts_;
  switch (p.head) {
    case HeadKind::Classification:
    case HeadKind::Regression: {
      torch::Tensor logits;
      if (p.xlnet) {
        logits = p.classifier(p.summary(h, mask));
      } else if (p.robertaHead) {
        logits = p.robertaHead(h);
      } else {
        logits = p.classifier(p.dropout(p.bert->pool(h)));
      }
      return p.head == HeadKind::Regression ? logits.squeeze(-1) : logits;
    }
    case HeadKind::Embedding:
      return meanOverRealTokens(h, mask);
    case HeadKind::MaskedLM:
      if (p.xlnetLM) return p.xlnetLM(h, p.wordEmbeddings());
      if (p.robertaLM) return p.robertaLM(h, p.wordEmbeddings());
      return p.bertLM(h, p.wordEmbeddings());
  }
  return h;
}

StateDict TaskModelImpl::encoderState() const {
  StateDict result;
  const std::string prefix = parts_->prefix + ".";
  for (const auto& item : state()) {
    if (startsWith(item.first, prefix)) result.insert(item);
  }
  return result;
}

void TaskModelImpl::loadEncoderState(const StateDict& state) {
  const std::string prefix = parts_->prefix + ".";
  std::vector<Target> targets;
  for (const auto& item : named_parameters(true)) {
    if (!startsWith(item.key(), prefix)) continue;
    // BERT's pooler belongs to the encoder's keys but only sequence heads have one: a state
    // from an MLM model leaves it as initialised.
    const bool optional = startsWith(item.key(), prefix + "pooler.");
    targets.push_back({item.key(), item.value(), optional});
  }
  copyState(targets, state, parts_->prefix, QStringLiteral("the encoder state"));
}

StateDict TaskModelImpl::state() const {
  StateDict result;
  for (const auto& item : named_parameters(true)) result.emplace(item.key(), item.value().detach());
  for (const auto& item : named_buffers(true)) result.emplace(item.key(), item.value().detach());
  return result;
}

void TaskModelImpl::loadState(const StateDict& state) {
  std::vector<Target> targets;
  for (const auto& item : named_parameters(true)) targets.push_back({item.key(), item.value()});
  for (const auto& item : named_buffers(true)) targets.push_back({item.key(), item.value()});
  // Unknown keys are checked first: a state from another family or head must not half-load.
  QStringList unexpected;
  StateDict remaining = state;
  for (const Target& target : targets) {
    for (const std::string& name : aliases(target.key, parts_->prefix)) remaining.erase(name);
  }
  for (const auto& item : remaining) {
    if (!ignorableKey(item.first)) unexpected << QString::fromStdString(item.first);
  }
  if (!unexpected.isEmpty()) {
    throw InputError(QStringLiteral("the model state does not fit the model: unexpected keys %1")
                         .arg(unexpected.mid(0, 8).join(QStringLiteral(", "))));
  }
  copyState(targets, state, parts_->prefix, QStringLiteral("the model state"));
}

const EncoderConfig& TaskModelImpl::config() const { return parts_->config; }

HeadKind TaskModelImpl::head() const { return parts_->head; }

}  // namespace twb

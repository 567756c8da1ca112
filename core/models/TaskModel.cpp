// TaskModel: one encoder family with one head, and its state in Hugging Face's key names.
#include "models/TaskModel.h"

#include <set>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "models/Bert.h"
#include "models/Heads.h"
#include "models/ModuleInit.h"
#include "models/StateCopy.h"
#include "models/XLNet.h"

namespace twb {

struct TaskModelImpl::Parts {
  EncoderConfig config;
  HeadKind head = HeadKind::Classification;
  std::string prefix;  // "bert", "roberta" or "transformer"

  BertModel bert{nullptr};  // BERT and RoBERTa
  XLNetModel xlnet{nullptr};

  Dropout dropout{nullptr};    // BERT: before the classifier
  Linear classifier{nullptr};  // BERT "classifier", XLNet "logits_proj"
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

void checkInputs(const torch::Tensor& ids, const torch::Tensor& mask, const torch::Tensor& types) {
  TORCH_CHECK(ids.dim() == 2, "TaskModel: ids must be [B, T]");
  TORCH_CHECK(mask.sizes() == ids.sizes(), "TaskModel: mask must have the shape of ids");
  TORCH_CHECK(!types.defined() || types.sizes() == ids.sizes(),
              "TaskModel: types must have the shape of ids");
}

}  // namespace

TaskModelImpl::TaskModelImpl(const EncoderConfig& config, HeadKind head, int numLabels, bool pooler)
    : parts_(std::make_shared<Parts>()) {
  Parts& p = *parts_;
  p.config = config;
  p.head = head;
  const FamilyTraits* family = familyTraitsOf(config.arch);
  if (!family) {
    throw InputError(
        QStringLiteral("model.arch: unknown architecture \"%1\"; valid values: %2")
            .arg(config.arch, vocab::names<vocab::Family>().join(QStringLiteral(", "))));
  }
  const bool xlnet = family->encoder == EncoderKind::Xlnet;
  const bool roberta = family->family == vocab::Family::Roberta;
  const bool sequenceHead = head == HeadKind::Classification || head == HeadKind::Regression;
  const int labels = head == HeadKind::Regression ? 1 : numLabels;
  if (head == HeadKind::Classification && numLabels < 1) {
    throw InputError(
        QStringLiteral("a classification head needs at least one label, got %1").arg(numLabels));
  }

  p.prefix = family->modulePrefix;
  if (xlnet) {
    p.xlnet = register_module(p.prefix, XLNetModel(config));
  } else {
    // Only BERT's sequence heads use the pooler (Hugging Face's add_pooling_layer).
    p.bert = register_module(
        p.prefix, BertModel(config, (family->poolerForSequenceHead && sequenceHead) || pooler));
  }

  if (sequenceHead) {
    if (xlnet) {
      p.summary = register_module("sequence_summary", SequenceSummary(config));
      p.classifier = register_module("logits_proj", Linear(config.hidden, labels));
    } else if (roberta) {
      p.robertaHead = register_module("classifier", RobertaClassificationHead(config, labels));
    } else {
      p.dropout = register_module("dropout", Dropout(config.dropout));
      p.classifier = register_module("classifier", Linear(config.hidden, labels));
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
  checkInputs(ids, mask, types);
  Parts& p = *parts_;
  return p.xlnet ? p.xlnet->forward(ids, mask, types) : p.bert->forward(ids, mask, types);
}

std::vector<torch::Tensor> TaskModelImpl::hiddenStates(const torch::Tensor& ids,
                                                       const torch::Tensor& mask,
                                                       const torch::Tensor& types) {
  checkInputs(ids, mask, types);
  std::vector<torch::Tensor> states;
  Parts& p = *parts_;
  if (p.xlnet) {
    p.xlnet->forward(ids, mask, types, &states);
  } else {
    p.bert->forward(ids, mask, types, &states);
  }
  return states;
}

torch::Tensor TaskModelImpl::summary(const torch::Tensor& last) {
  Parts& p = *parts_;
  if (p.summary) return p.summary(last);
  if (p.bert && p.bert->pooler) return p.bert->pool(last);
  return {};
}

torch::Tensor TaskModelImpl::headOutput(const torch::Tensor& h, const torch::Tensor& mask) {
  Parts& p = *parts_;
  switch (p.head) {
    case HeadKind::Classification:
    case HeadKind::Regression: {
      torch::Tensor logits;
      if (p.xlnet) {
        logits = p.classifier(p.summary(h));
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
    case HeadKind::Encoder:
      return h;
  }
  return h;
}

torch::Tensor TaskModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& mask,
                                     const torch::Tensor& types) {
  const torch::Tensor h = hidden(ids, mask, types);
  if (parts_->head == HeadKind::MaskedLM || parts_->head == HeadKind::Encoder)
    return headOutput(h, mask);
  // A sequence head's output is the prediction itself: under bf16 autocast its last product
  // would round scores to 8 bits (similarity scores in steps of 1/64, tied probabilities), so
  // the small head runs in float32 whatever the encoder ran in.
  c10::impl::ExcludeDispatchKeyGuard noAutocast(c10::DispatchKey::AutocastCPU);
  return headOutput(h.to(torch::kFloat32), mask);
}

StateDict TaskModelImpl::encoderState() const {
  StateDict result;
  const std::string prefix = parts_->prefix + ".";
  for (const auto& item : state()) {
    if (hasPrefix(item.first, prefix)) result.insert(item);
  }
  return result;
}

void TaskModelImpl::loadEncoderState(const StateDict& state) {
  const std::string prefix = parts_->prefix + ".";
  std::vector<StateTarget> targets;
  for (const auto& item : named_parameters(true)) {
    if (!hasPrefix(item.key(), prefix)) continue;
    // BERT's pooler belongs to the encoder's keys but only sequence heads have one: a state
    // from an MLM model leaves it as initialised.
    const bool optional = hasPrefix(item.key(), prefix + "pooler.");
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
  std::vector<StateTarget> targets;
  for (const auto& item : named_parameters(true)) targets.push_back({item.key(), item.value()});
  for (const auto& item : named_buffers(true)) targets.push_back({item.key(), item.value()});
  // Unknown keys are checked first: a state from another family or head must not half-load.
  QStringList unexpected;
  StateDict remaining = state;
  for (const StateTarget& target : targets) {
    for (const std::string& name : stateAliases(target.key, parts_->prefix)) remaining.erase(name);
  }
  for (const auto& item : remaining) {
    if (!tiedOrBufferKey(item.first)) unexpected << QString::fromStdString(item.first);
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

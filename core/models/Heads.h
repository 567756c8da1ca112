// Heads: the task heads of the three families, named as Hugging Face names them.
#pragma once

#include "common/TorchApi.h"
#include "family/EncoderConfig.h"
#include "models/Dropout.h"
#include "models/LayerNorm.h"
#include "models/Linear.h"

namespace twb {

// Mean of hidden [B, T, H] over the positions where mask [B, T] is non-zero: [B, H].
torch::Tensor meanOverRealTokens(const torch::Tensor& hidden, const torch::Tensor& mask);

// BERT's MLM head, registered as "cls": cls.predictions.transform.{dense,LayerNorm} and
// cls.predictions.bias; the decoder is the word embedding matrix passed to forward.
class BertPredictionTransformImpl : public torch::nn::Module {
 public:
  explicit BertPredictionTransformImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& x);  // LayerNorm(gelu(dense(x)))

  Linear dense{nullptr};
  twb::LayerNorm LayerNorm{nullptr};
};
TORCH_MODULE(BertPredictionTransform);

class BertPredictionsImpl : public torch::nn::Module {
 public:
  explicit BertPredictionsImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& wordEmbeddings);

  BertPredictionTransform transform{nullptr};
  torch::Tensor bias;  // [vocab]
};
TORCH_MODULE(BertPredictions);

class BertMaskedLMHeadImpl : public torch::nn::Module {
 public:
  explicit BertMaskedLMHeadImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& wordEmbeddings);

  BertPredictions predictions{nullptr};
};
TORCH_MODULE(BertMaskedLMHead);

// RoBERTa's MLM head, registered as "lm_head": layer_norm(gelu(dense(h))) times the tied word
// embeddings, plus bias.
class RobertaLMHeadImpl : public torch::nn::Module {
 public:
  explicit RobertaLMHeadImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& wordEmbeddings);

  Linear dense{nullptr};
  twb::LayerNorm layer_norm{nullptr};
  torch::Tensor bias;  // [vocab]
};
TORCH_MODULE(RobertaLMHead);

// RoBERTa's sequence head on <s>, registered as "classifier":
// out_proj(dropout(tanh(dense(dropout(h[:, 0]))))).
class RobertaClassificationHeadImpl : public torch::nn::Module {
 public:
  RobertaClassificationHeadImpl(const EncoderConfig& config, int numLabels);
  torch::Tensor forward(const torch::Tensor& hidden);

  Linear dense{nullptr};
  Dropout dropout{nullptr};
  Linear out_proj{nullptr};
};
TORCH_MODULE(RobertaClassificationHead);

// XLNet's "last" sequence summary, registered as "sequence_summary":
// dropout(tanh(summary(h[:, -1]))): the last position, <cls> when padding is on the left as
// XLNet pads.
class SequenceSummaryImpl : public torch::nn::Module {
 public:
  explicit SequenceSummaryImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden);

  Linear summary{nullptr};
  Dropout last_dropout{nullptr};
};
TORCH_MODULE(SequenceSummary);

// A decoder whose weight is the tied word embedding matrix and whose own parameter is only its
// bias: XLNet's "lm_loss".
class TiedDecoderImpl : public torch::nn::Module {
 public:
  explicit TiedDecoderImpl(std::int64_t vocabSize);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& wordEmbeddings);

  torch::Tensor bias;  // [vocab]
};
TORCH_MODULE(TiedDecoder);

}  // namespace twb

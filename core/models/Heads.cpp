// The task heads: BERT and RoBERTa MLM and sequence heads, XLNet's summary and tied decoder.
#include "models/Heads.h"

#include "models/ModuleInit.h"

namespace twb {
torch::Tensor meanOverRealTokens(const torch::Tensor& hidden, const torch::Tensor& mask) {
  const torch::Tensor weights = mask.ne(0).to(hidden.scalar_type()).unsqueeze(-1);  // [B, T, 1]
  return (hidden * weights).sum(1) / weights.sum(1).clamp_min(1.0);
}

BertPredictionTransformImpl::BertPredictionTransformImpl(const EncoderConfig& config) {
  dense = register_module("dense", linear(config.hidden, config.hidden));
  LayerNorm = register_module("LayerNorm", layerNorm(config));
}

torch::Tensor BertPredictionTransformImpl::forward(const torch::Tensor& x) {
  return LayerNorm(torch::gelu(dense(x)));
}

BertPredictionsImpl::BertPredictionsImpl(const EncoderConfig& config) {
  transform = register_module("transform", BertPredictionTransform(config));
  bias = register_parameter("bias", torch::zeros({config.vocabSize}));
}

torch::Tensor BertPredictionsImpl::forward(const torch::Tensor& hidden,
                                           const torch::Tensor& wordEmbeddings) {
  return linearProduct(transform(hidden), wordEmbeddings, bias);
}

BertMaskedLMHeadImpl::BertMaskedLMHeadImpl(const EncoderConfig& config) {
  predictions = register_module("predictions", BertPredictions(config));
}

torch::Tensor BertMaskedLMHeadImpl::forward(const torch::Tensor& hidden,
                                            const torch::Tensor& wordEmbeddings) {
  return predictions(hidden, wordEmbeddings);
}

RobertaLMHeadImpl::RobertaLMHeadImpl(const EncoderConfig& config) {
  dense = register_module("dense", linear(config.hidden, config.hidden));
  layer_norm = register_module("layer_norm", layerNorm(config));
  bias = register_parameter("bias", torch::zeros({config.vocabSize}));
}

torch::Tensor RobertaLMHeadImpl::forward(const torch::Tensor& hidden,
                                         const torch::Tensor& wordEmbeddings) {
  const torch::Tensor x = layer_norm(torch::gelu(dense(hidden)));
  return linearProduct(x, wordEmbeddings, bias);
}

RobertaClassificationHeadImpl::RobertaClassificationHeadImpl(const EncoderConfig& config,
                                                             int numLabels) {
  dense = register_module("dense", linear(config.hidden, config.hidden));
  dropout = register_module("dropout", Dropout(config.dropout));
  out_proj = register_module("out_proj", linear(config.hidden, numLabels));
}

torch::Tensor RobertaClassificationHeadImpl::forward(const torch::Tensor& hidden) {
  torch::Tensor x = dropout(hidden.select(1, 0));
  x = dropout(torch::tanh(dense(x)));
  return out_proj(x);
}

SequenceSummaryImpl::SequenceSummaryImpl(const EncoderConfig& config) {
  summary = register_module("summary", linear(config.hidden, config.hidden));
  last_dropout = register_module("last_dropout", Dropout(config.dropout));
}

torch::Tensor SequenceSummaryImpl::forward(const torch::Tensor& hidden) {
  // The last position, as Hugging Face's summary_type "last": XLNet pads on the left, so it is
  // the <cls> token of every row.
  return last_dropout(torch::tanh(summary(hidden.select(1, -1))));
}

TiedDecoderImpl::TiedDecoderImpl(std::int64_t vocabSize) {
  bias = register_parameter("bias", torch::zeros({vocabSize}));
}

torch::Tensor TiedDecoderImpl::forward(const torch::Tensor& hidden,
                                       const torch::Tensor& wordEmbeddings) {
  return linearProduct(hidden, wordEmbeddings, bias);
}

}  // namespace twb

// The BERT / RoBERTa encoder: embeddings, post-LayerNorm blocks and the [CLS] pooler.
#include "models/Bert.h"

#include <cmath>
#include <limits>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "models/ModuleInit.h"

namespace twb {
namespace {

bool isRoberta(const EncoderConfig& config) {
  const FamilyTraits* family = familyTraitsOf(config.arch);
  return family && family->positionsAfterPad;
}

}  // namespace

BertEmbeddingsImpl::BertEmbeddingsImpl(const EncoderConfig& config)
    : roberta_(isRoberta(config)), padId_(config.padId), maxTokens_(config.maxTokens()) {
  word_embeddings = register_module(
      "word_embeddings",
      torch::nn::Embedding(
          torch::nn::EmbeddingOptions(config.vocabSize, config.hidden).padding_idx(padId_)));
  auto positionOptions = torch::nn::EmbeddingOptions(config.maxPositions, config.hidden);
  if (roberta_) positionOptions.padding_idx(padId_);
  position_embeddings =
      register_module("position_embeddings", torch::nn::Embedding(positionOptions));
  token_type_embeddings = register_module("token_type_embeddings",
                                          torch::nn::Embedding(config.typeVocab, config.hidden));
  LayerNorm = register_module("LayerNorm", layerNorm(config));
  dropout = register_module("dropout", Dropout(config.dropout));

  initEmbedding(word_embeddings, padId_);
  initEmbedding(position_embeddings, roberta_ ? padId_ : -1);
  initEmbedding(token_type_embeddings, -1);
}

torch::Tensor BertEmbeddingsImpl::forward(const torch::Tensor& ids, const torch::Tensor& types) {
  const std::int64_t length = ids.size(1);
  if (length > maxTokens_) {
    throw InputError(QStringLiteral("a sequence of %1 tokens is longer than the model's %2 "
                                    "positions allow")
                         .arg(length)
                         .arg(maxTokens_));
  }
  torch::Tensor positions;
  if (roberta_) {
    // Real tokens count from padId + 1; padding keeps padId. As Hugging Face, padding is told
    // by the padding id in ids, not by the attention mask.
    const torch::Tensor real = ids.ne(padId_).to(torch::kLong);
    positions = torch::cumsum(real, 1) * real + padId_;
  } else {
    positions = torch::arange(length, ids.options().dtype(torch::kLong)).unsqueeze(0);
  }
  const torch::Tensor typeIds = (roberta_ || !types.defined()) ? torch::zeros_like(ids) : types;
  torch::Tensor x = word_embeddings(ids) + token_type_embeddings(typeIds);
  x = x + position_embeddings(positions);
  return dropout(LayerNorm(x));
}

BertSelfAttentionImpl::BertSelfAttentionImpl(const EncoderConfig& config) : heads_(config.heads) {
  query = register_module("query", linear(config.hidden, config.hidden));
  key = register_module("key", linear(config.hidden, config.hidden));
  value = register_module("value", linear(config.hidden, config.hidden));
  dropout = register_module("dropout", Dropout(config.dropout));
}

torch::Tensor BertSelfAttentionImpl::forward(const torch::Tensor& x,
                                             const torch::Tensor& maskBias) {
  const std::int64_t batch = x.size(0), length = x.size(1), hidden = x.size(2);
  const std::int64_t headSize = hidden / heads_;
  auto split = [&](const torch::Tensor& t) {
    return t.view({batch, length, heads_, headSize}).transpose(1, 2);  // [B, n, T, d]
  };
  // One product for the three projections (the checkpoint keeps them apart): a [B*T, 3H] output
  // keeps the matrix units busier than three [B*T, H] ones, in both passes.
  const torch::Tensor weight = torch::cat({query->weight, key->weight, value->weight});
  const torch::Tensor bias = torch::cat({query->bias, key->bias, value->bias});
  const std::vector<torch::Tensor> qkv = linearProduct(x, weight, bias).chunk(3, -1);
  const torch::Tensor q = split(qkv[0]);
  const torch::Tensor k = split(qkv[1]);
  const torch::Tensor v = split(qkv[2]);
  // The scale folded into q (T x d multiplications instead of T x T).
  torch::Tensor scores =
      batchedProduct(q * (1.0 / std::sqrt(double(headSize))), k.transpose(-1, -2));
  scores = scores + maskBias;
  const torch::Tensor probs = dropout(torch::softmax(scores, -1));
  return batchedProduct(probs, v).transpose(1, 2).reshape({batch, length, hidden});
}

BertResidualImpl::BertResidualImpl(const EncoderConfig& config, std::int64_t inFeatures) {
  dense = register_module("dense", linear(inFeatures, config.hidden));
  LayerNorm = register_module("LayerNorm", layerNorm(config));
  dropout = register_module("dropout", Dropout(config.dropout));
}

torch::Tensor BertResidualImpl::forward(const torch::Tensor& x, const torch::Tensor& input) {
  return LayerNorm(dropout(dense(x)) + input);
}

BertAttentionImpl::BertAttentionImpl(const EncoderConfig& config) {
  self = register_module("self", BertSelfAttention(config));
  output = register_module("output", BertResidual(config, config.hidden));
}

torch::Tensor BertAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& maskBias) {
  return output(self(x, maskBias), x);
}

BertIntermediateImpl::BertIntermediateImpl(const EncoderConfig& config) {
  dense = register_module("dense", linear(config.hidden, config.intermediate));
}

torch::Tensor BertIntermediateImpl::forward(const torch::Tensor& x) {
  return torch::gelu(dense(x));  // approximate = "none": the erf form
}

BertLayerImpl::BertLayerImpl(const EncoderConfig& config) {
  attention = register_module("attention", BertAttention(config));
  intermediate = register_module("intermediate", BertIntermediate(config));
  output = register_module("output", BertResidual(config, config.intermediate));
}

torch::Tensor BertLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& maskBias) {
  const torch::Tensor attended = attention(x, maskBias);
  return output(intermediate(attended), attended);
}

BertStackImpl::BertStackImpl(const EncoderConfig& config) {
  layer = register_module("layer", torch::nn::ModuleList());
  for (int i = 0; i < config.layers; ++i) layer->push_back(BertLayer(config));
}

torch::Tensor BertStackImpl::forward(torch::Tensor x, const torch::Tensor& maskBias,
                                     std::vector<torch::Tensor>* states) {
  for (const auto& block : *layer) {
    x = block->as<BertLayerImpl>()->forward(x, maskBias);
    if (states) states->push_back(x);
  }
  return x;
}

BertPoolerImpl::BertPoolerImpl(const EncoderConfig& config) {
  dense = register_module("dense", linear(config.hidden, config.hidden));
}

torch::Tensor BertPoolerImpl::forward(const torch::Tensor& hidden) {
  return torch::tanh(dense(hidden.select(1, 0)));
}

BertModelImpl::BertModelImpl(const EncoderConfig& config, bool withPooler) {
  embeddings = register_module("embeddings", BertEmbeddings(config));
  encoder = register_module("encoder", BertStack(config));
  if (withPooler) pooler = register_module("pooler", BertPooler(config));
}

torch::Tensor BertModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& mask,
                                     const torch::Tensor& types,
                                     std::vector<torch::Tensor>* states) {
  // Hugging Face's extended mask: 0 for real keys, the lowest float for padding.
  const torch::Tensor maskBias =
      (1.0 - mask.ne(0).to(torch::kFloat)).mul(std::numeric_limits<float>::lowest());
  const torch::Tensor embedded = embeddings(ids, types);
  if (states) states->push_back(embedded);
  return encoder(embedded, maskBias.unsqueeze(1).unsqueeze(2), states);
}

torch::Tensor BertModelImpl::pool(const torch::Tensor& hidden) { return pooler(hidden); }

}  // namespace twb

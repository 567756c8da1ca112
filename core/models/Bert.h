// Bert: the BERT encoder as Hugging Face names it, also RoBERTa's (positions from the mask).
#pragma once

#include "common/TorchApi.h"
#include "family/EncoderConfig.h"
#include "models/Dropout.h"
#include "models/LayerNorm.h"
#include "models/Linear.h"

namespace twb {

// word + position + token type embeddings, then LayerNorm and dropout.
class BertEmbeddingsImpl : public torch::nn::Module {
 public:
  explicit BertEmbeddingsImpl(const EncoderConfig& config);
  // ids, types: int64 [B, T]; types may be undefined (all zeros); RoBERTa ignores them and
  // tells padding by the padding id, as Hugging Face does.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& types);

  torch::nn::Embedding word_embeddings{nullptr};
  torch::nn::Embedding position_embeddings{nullptr};
  torch::nn::Embedding token_type_embeddings{nullptr};
  twb::LayerNorm LayerNorm{nullptr};
  Dropout dropout{nullptr};

 private:
  bool roberta_;
  std::int64_t padId_;
  std::int64_t maxTokens_;
};
TORCH_MODULE(BertEmbeddings);

// query, key, value projections and scaled dot-product attention over all heads.
class BertSelfAttentionImpl : public torch::nn::Module {
 public:
  explicit BertSelfAttentionImpl(const EncoderConfig& config);
  // x [B, T, H]; maskBias [B, 1, 1, T]: 0 for real keys, a large negative for padded ones.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& maskBias);

  Linear query{nullptr};
  Linear key{nullptr};
  Linear value{nullptr};
  Dropout dropout{nullptr};

 private:
  std::int64_t heads_;
};
TORCH_MODULE(BertSelfAttention);

// dense, dropout, then LayerNorm of the sum with the block's input (BertSelfOutput, BertOutput).
class BertResidualImpl : public torch::nn::Module {
 public:
  BertResidualImpl(const EncoderConfig& config, std::int64_t inFeatures);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& input);

  Linear dense{nullptr};
  twb::LayerNorm LayerNorm{nullptr};
  Dropout dropout{nullptr};
};
TORCH_MODULE(BertResidual);

class BertAttentionImpl : public torch::nn::Module {
 public:
  explicit BertAttentionImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& maskBias);

  BertSelfAttention self{nullptr};
  BertResidual output{nullptr};
};
TORCH_MODULE(BertAttention);

class BertIntermediateImpl : public torch::nn::Module {
 public:
  explicit BertIntermediateImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& x);  // exact (erf) GELU of dense(x)

  Linear dense{nullptr};
};
TORCH_MODULE(BertIntermediate);

// One post-LayerNorm transformer block.
class BertLayerImpl : public torch::nn::Module {
 public:
  explicit BertLayerImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& maskBias);

  BertAttention attention{nullptr};
  BertIntermediate intermediate{nullptr};
  BertResidual output{nullptr};
};
TORCH_MODULE(BertLayer);

class BertStackImpl : public torch::nn::Module {
 public:
  explicit BertStackImpl(const EncoderConfig& config);
  // With states, appends each block's output to it.
  torch::Tensor forward(torch::Tensor x, const torch::Tensor& maskBias,
                        std::vector<torch::Tensor>* states = nullptr);

  torch::nn::ModuleList layer{nullptr};
};
TORCH_MODULE(BertStack);

// tanh(dense(h[:, 0])): BERT's summary of the [CLS] token.
class BertPoolerImpl : public torch::nn::Module {
 public:
  explicit BertPoolerImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden);

  Linear dense{nullptr};
};
TORCH_MODULE(BertPooler);

// The whole encoder: registered as "bert" or "roberta" by its owner.
class BertModelImpl : public torch::nn::Module {
 public:
  BertModelImpl(const EncoderConfig& config, bool withPooler);
  // The last hidden state [B, T, H]; mask: int64 [B, T], 1 for real tokens. With states,
  // appends the embedding output and every block's output (Hugging Face's hidden_states).
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& mask,
                        const torch::Tensor& types, std::vector<torch::Tensor>* states = nullptr);
  torch::Tensor pool(const torch::Tensor& hidden);  // needs withPooler

  BertEmbeddings embeddings{nullptr};
  BertStack encoder{nullptr};
  BertPooler pooler{nullptr};  // null without a pooler
};
TORCH_MODULE(BertModel);

}  // namespace twb

// XLNet: the content stream of XLNet's relative-position encoder, named as Hugging Face names it.
#pragma once

#include "common/TorchApi.h"
#include "family/EncoderConfig.h"
#include "models/Dropout.h"
#include "models/LayerNorm.h"
#include "models/Linear.h"

namespace twb {

// Transformer-XL's relative shift of position scores x [B, n, qlen, klen + qlen] to
// [B, n, qlen, klen], where out[..., i, j] = x[..., i, qlen - i + j]: with positions running
// from klen down to -qlen + 1, column j of row i then holds relative position i - j
// (for klen == qlen, no memory).
torch::Tensor xlnetRelShift(const torch::Tensor& x, std::int64_t klen);

// The sinusoidal encoding [klen + qlen, dModel] of positions klen, klen - 1, ..., -qlen + 1:
// sin(pos * f) for the first dModel / 2 columns, cos(pos * f) for the rest,
// f = 1 / 10000^(2k / dModel).
torch::Tensor xlnetRelativeEncoding(std::int64_t qlen, std::int64_t klen, std::int64_t dModel);

// Relative attention with content, position and segment terms, then residual and LayerNorm.
class XLNetRelativeAttentionImpl : public torch::nn::Module {
 public:
  explicit XLNetRelativeAttentionImpl(const EncoderConfig& config);
  // h [B, T, H]; positions [2T, H]; otherSegment bool [B, T, T] (true where token i and key j
  // are in different segments) or undefined; masked bool [B, T, T] (true: i may not see j).
  torch::Tensor forward(const torch::Tensor& h, const torch::Tensor& positions,
                        const torch::Tensor& otherSegment, const torch::Tensor& masked);

  torch::Tensor q, k, v, o, r;                 // [d_model, n_head, d_head]
  torch::Tensor r_r_bias, r_s_bias, r_w_bias;  // [n_head, d_head]
  torch::Tensor seg_embed;                     // [2, n_head, d_head]: same, other segment
  twb::LayerNorm layer_norm{nullptr};
  Dropout dropout{nullptr};
};
TORCH_MODULE(XLNetRelativeAttention);

// LayerNorm(x + dropout(layer_2(dropout(gelu(layer_1(x)))))).
class XLNetFeedForwardImpl : public torch::nn::Module {
 public:
  explicit XLNetFeedForwardImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& x);

  twb::LayerNorm layer_norm{nullptr};
  Linear layer_1{nullptr};
  Linear layer_2{nullptr};
  Dropout dropout{nullptr};
};
TORCH_MODULE(XLNetFeedForward);

class XLNetLayerImpl : public torch::nn::Module {
 public:
  explicit XLNetLayerImpl(const EncoderConfig& config);
  torch::Tensor forward(const torch::Tensor& h, const torch::Tensor& positions,
                        const torch::Tensor& otherSegment, const torch::Tensor& masked);

  XLNetRelativeAttention rel_attn{nullptr};
  XLNetFeedForward ff{nullptr};
};
TORCH_MODULE(XLNetLayer);

// The whole encoder, registered as "transformer" by its owner. Bidirectional, no memory.
class XLNetModelImpl : public torch::nn::Module {
 public:
  explicit XLNetModelImpl(const EncoderConfig& config);
  // The last hidden state [B, T, H]. mask: int64 [B, T], 1 for real tokens (XLNet pads on the
  // left); types: segment ids (0, 1, 2 for <cls>) or undefined for one segment. With states,
  // appends the embedding output and every layer's output (Hugging Face's hidden_states).
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& mask,
                        const torch::Tensor& types, std::vector<torch::Tensor>* states = nullptr);

  torch::nn::Embedding word_embedding{nullptr};
  torch::Tensor mask_emb;  // [1, 1, d_model]; used by the query stream only, kept for checkpoints
  torch::nn::ModuleList layer{nullptr};
  Dropout dropout{nullptr};
};
TORCH_MODULE(XLNetModel);

}  // namespace twb

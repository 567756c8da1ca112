// XLNet's encoder: relative positional encoding, rel-shift, relative attention and feed-forward.
#include "models/XLNet.h"

#include <cmath>

#include "common/InputError.h"
#include "models/ModuleInit.h"

namespace twb {
namespace {

// x [B, T, H] times a [H, n, d] projection: [B, T, n, d].
torch::Tensor project(const torch::Tensor& x, const torch::Tensor& weight) {
  const auto n = weight.size(1), d = weight.size(2);
  auto sizes = x.sizes().vec();
  sizes.back() = n;
  sizes.push_back(d);
  return linearProduct(x, weight.reshape({weight.size(0), n * d}).t()).view(sizes);
}

}  // namespace

torch::Tensor xlnetRelShift(const torch::Tensor& x, std::int64_t klen) {
  const auto b = x.size(0), n = x.size(1), qlen = x.size(2), rlen = x.size(3);
  torch::Tensor shifted = x.reshape({b, n, rlen, qlen}).slice(2, 1);
  shifted = shifted.reshape({b, n, qlen, rlen - 1});
  return shifted.slice(3, 0, klen);
}

torch::Tensor xlnetRelativeEncoding(std::int64_t qlen, std::int64_t klen, std::int64_t dModel) {
  const auto options = torch::TensorOptions().dtype(torch::kFloat);
  const torch::Tensor frequencies =
      1.0 / torch::pow(10000.0, torch::arange(0, dModel, 2.0, options) / double(dModel));
  const torch::Tensor positions = torch::arange(double(klen), double(-qlen), -1.0, options);
  const torch::Tensor angles = torch::outer(positions, frequencies);
  return torch::cat({torch::sin(angles), torch::cos(angles)}, -1);
}

XLNetRelativeAttentionImpl::XLNetRelativeAttentionImpl(const EncoderConfig& config) {
  const std::int64_t h = config.hidden, n = config.heads, d = config.hidden / config.heads;
  auto param = [&](const char* name, torch::IntArrayRef shape) {
    torch::Tensor tensor = torch::empty(shape);
    initNormal(tensor);
    return register_parameter(name, tensor);
  };
  q = param("q", {h, n, d});
  k = param("k", {h, n, d});
  v = param("v", {h, n, d});
  o = param("o", {h, n, d});
  r = param("r", {h, n, d});
  r_r_bias = param("r_r_bias", {n, d});
  r_s_bias = param("r_s_bias", {n, d});
  r_w_bias = param("r_w_bias", {n, d});
  seg_embed = param("seg_embed", {2, n, d});
  layer_norm = register_module("layer_norm", layerNorm(config));
  dropout = register_module("dropout", Dropout(config.dropout));
}

torch::Tensor XLNetRelativeAttentionImpl::forward(const torch::Tensor& h,
                                                  const torch::Tensor& positions,
                                                  const torch::Tensor& otherSegment,
                                                  const torch::Tensor& masked) {
  const std::int64_t batch = h.size(0), length = h.size(1);
  const std::int64_t heads = q.size(1), headSize = q.size(2);
  const torch::Tensor qh = project(h, q);          // [B, I, n, d]
  const torch::Tensor kh = project(h, k);          // [B, J, n, d]
  const torch::Tensor vh = project(h, v);          // [B, J, n, d]
  const torch::Tensor kr = project(positions, r);  // [R, n, d]

  // Content: (q + r_w_bias) . k_j
  const torch::Tensor ac =
      batchedProduct((qh + r_w_bias).permute({0, 2, 1, 3}), kh.permute({0, 2, 3, 1}));
  // Position: (q + r_r_bias) . r_(i - j), by scoring every position then shifting.
  // kr is shared by the batch: expanded (a view) so the product is one batched oneDNN call.
  torch::Tensor bd = batchedProduct((qh + r_r_bias).permute({0, 2, 1, 3}),
                                    kr.permute({1, 2, 0}).expand({batch, -1, -1, -1}));
  bd = xlnetRelShift(bd, length);
  torch::Tensor score = ac + bd;
  // Segment: (q + r_s_bias) . seg_embed[same or other segment].
  if (otherSegment.defined()) {
    const torch::Tensor ef =
        torch::einsum("bind,snd->bnis", {qh + r_s_bias, seg_embed});  // [B, n, I, 2]
    score = score + torch::where(otherSegment.unsqueeze(1), ef.slice(3, 1, 2), ef.slice(3, 0, 1));
  }
  score = score * (1.0 / std::sqrt(double(headSize)));
  if (masked.defined()) score = score - 1e30 * masked.unsqueeze(1).to(score.scalar_type());

  const torch::Tensor probs = dropout(torch::softmax(score, -1));
  const torch::Tensor attended =
      batchedProduct(probs, vh.permute({0, 2, 1, 3})).permute({0, 2, 1, 3});  // [B, I, n, d]
  const torch::Tensor out = linearProduct(attended.reshape({batch, length, heads * headSize}),
                                          o.reshape({o.size(0), heads * headSize}));
  return layer_norm(dropout(out) + h);
}

XLNetFeedForwardImpl::XLNetFeedForwardImpl(const EncoderConfig& config) {
  layer_norm = register_module("layer_norm", layerNorm(config));
  layer_1 = register_module("layer_1", linear(config.hidden, config.intermediate));
  layer_2 = register_module("layer_2", linear(config.intermediate, config.hidden));
  dropout = register_module("dropout", Dropout(config.dropout));
}

torch::Tensor XLNetFeedForwardImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = dropout(torch::gelu(layer_1(x)));
  y = dropout(layer_2(y));
  return layer_norm(y + x);
}

XLNetLayerImpl::XLNetLayerImpl(const EncoderConfig& config) {
  rel_attn = register_module("rel_attn", XLNetRelativeAttention(config));
  ff = register_module("ff", XLNetFeedForward(config));
}

torch::Tensor XLNetLayerImpl::forward(const torch::Tensor& h, const torch::Tensor& positions,
                                      const torch::Tensor& otherSegment,
                                      const torch::Tensor& masked) {
  return ff(rel_attn(h, positions, otherSegment, masked));
}

XLNetModelImpl::XLNetModelImpl(const EncoderConfig& config) {
  if (config.hidden % 2 != 0) {
    throw InputError(
        QStringLiteral("model.hidden: XLNet needs an even hidden size, got %1").arg(config.hidden));
  }
  word_embedding =
      register_module("word_embedding", torch::nn::Embedding(config.vocabSize, config.hidden));
  initEmbedding(word_embedding, -1);
  torch::Tensor maskEmbedding = torch::empty({1, 1, config.hidden});
  initNormal(maskEmbedding);
  mask_emb = register_parameter("mask_emb", maskEmbedding);
  layer = register_module("layer", torch::nn::ModuleList());
  for (int i = 0; i < config.layers; ++i) layer->push_back(XLNetLayer(config));
  dropout = register_module("dropout", Dropout(config.dropout));
}

torch::Tensor XLNetModelImpl::forward(const torch::Tensor& ids, const torch::Tensor& mask,
                                      const torch::Tensor& types,
                                      std::vector<torch::Tensor>* states) {
  const std::int64_t length = ids.size(1);
  torch::Tensor h = dropout(word_embedding(ids));
  if (states) states->push_back(h);

  // Segments are compared for equality, so <cls> (2) differs from both sentences.
  torch::Tensor otherSegment;
  if (types.defined()) otherSegment = types.unsqueeze(2).ne(types.unsqueeze(1));
  // A padded key is hidden from every other token; each token may still see itself, so a
  // padded row never has all its scores masked (Hugging Face's non_tgt_mask).
  const torch::Tensor self =
      torch::eye(length, torch::TensorOptions().dtype(torch::kBool).device(ids.device()));
  const torch::Tensor masked = mask.eq(0).unsqueeze(1).logical_and(self.logical_not());

  const torch::Tensor positions =
      dropout(xlnetRelativeEncoding(length, length, h.size(2)).to(h.device()));
  for (const auto& block : *layer) {
    h = block->as<XLNetLayerImpl>()->forward(h, positions, otherSegment, masked);
    if (states) states->push_back(h);
  }
  return dropout(h);
}

}  // namespace twb

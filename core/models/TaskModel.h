// TaskModel: an encoder of one family with one task head, keyed as Hugging Face checkpoints are.
#pragma once

#include <map>
#include <string>

#include "common/TorchApi.h"
#include "family/EncoderConfig.h"

namespace twb {

enum class HeadKind {
  Classification,  // logits [B, numLabels] from the family's sequence summary
  Regression,      // a score [B] (sentence similarity)
  Embedding,       // mean-pooled last hidden state over real tokens [B, H] (retrieval)
  MaskedLM,        // logits [B, T, vocab], decoder tied to the word embeddings
  Encoder,         // no head: the last hidden state [B, T, H] (a checkpoint's bare encoder)
};

using StateDict = std::map<std::string, torch::Tensor>;

class TaskModelImpl : public torch::nn::Module {
 public:
  // BERT's pooler comes with the sequence heads; `pooler` adds it to an Encoder model too (a
  // bare BertModel or RobertaModel checkpoint has one).
  TaskModelImpl(const EncoderConfig& config, HeadKind head, int numLabels = 0, bool pooler = false);

  // ids, types: int64 [B, T]; mask: int64 [B, T], 1 for real tokens, 0 for padding.
  // Returns what HeadKind says.
  torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& mask,
                        const torch::Tensor& types);
  // The encoder's last hidden state [B, T, H].
  torch::Tensor hidden(const torch::Tensor& ids, const torch::Tensor& mask,
                       const torch::Tensor& types);

  // The embedding output then every layer's output, as Hugging Face's hidden_states.
  std::vector<torch::Tensor> hiddenStates(const torch::Tensor& ids, const torch::Tensor& mask,
                                          const torch::Tensor& types);
  // The sequence summary the head reads, from the last hidden state: BERT's pooler output,
  // XLNet's sequence summary; undefined for a model with neither (RoBERTa's head has none).
  torch::Tensor summary(const torch::Tensor& last);
  // The head alone on a last hidden state (what forward returns after the encoder).
  torch::Tensor headOutput(const torch::Tensor& last, const torch::Tensor& mask);

  // Encoder parameters only, under the family prefix ("bert.", "roberta.", "transformer.").
  StateDict encoderState() const;
  // Copies an encoderState() into this model; throws InputError naming missing keys or
  // mismatched shapes.
  void loadEncoderState(const StateDict& state);
  // Every parameter and buffer, named as in Hugging Face checkpoints.
  StateDict state() const;
  void loadState(const StateDict& state);  // strict: all keys, same shapes

  const EncoderConfig& config() const;
  HeadKind head() const;

 private:
  struct Parts;
  std::shared_ptr<Parts> parts_;
};
TORCH_MODULE(TaskModel);

}  // namespace twb

// EncoderConfig: the sizes and constants of one encoder, resolved from a ModelSpec (torch-free).
#pragma once

#include <QString>

#include "common/Vocabulary.h"
#include "config/ExperimentSpec.h"

namespace twb {

struct EncoderConfig {
  QString arch = vocab::name(vocab::Family::Bert);  // a vocab::Family name
  int vocabSize = 0;
  int hidden = 128;
  int layers = 2;
  int heads = 2;
  int intermediate = 512;
  int maxPositions = 512;       // roberta: 514 (positions start at padId + 1)
  int typeVocab = 2;            // roberta: 1
  double layerNormEps = 1e-12;  // roberta and xlnet: 1e-5 / 1e-12 as MODELS.md says
  double dropout = 0.1;
  int padId = 0;

  // Size preset (tiny, mini, small, base) with explicit sizes from the spec overriding it.
  // Throws InputError naming the key for an unknown arch or size.
  static EncoderConfig fromSpec(const ModelSpec& spec, int vocabSize, int padId);

  // The longest input in tokens the position table allows: maxPositions, less RoBERTa's
  // padId + 1 offset (512 for roberta-base). XLNet's positions are relative: maxPositions.
  int maxTokens() const;

  // Weights of the encoder with its embeddings and pooler (the task head is negligible).
  double parameterCount() const;
  // What training it takes in bytes, roughly: weights, gradients and Adam's two moments in
  // float32, plus the activations one batch keeps for the backward pass.
  double trainingBytes(int batchSize, int maxLen) const;
};

// Throws InputError naming the keys to change when training this model would need more memory
// than the machine has (physicalBytes 0: this machine's RAM). Called before anything is
// allocated, so an impossible size is an input error, not a crash in the allocator.
void checkTrainingFits(const EncoderConfig& config, int batchSize, int maxLen,
                       const QString& source, double physicalBytes = 0,
                       const QString& batchKey = QStringLiteral("train.batch_size"));

}  // namespace twb

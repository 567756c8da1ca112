// MaskedLM: pretraining an encoder from scratch by masked language modelling on raw text.
#pragma once

#include "models/TaskModel.h"
#include "train/Trainer.h"

namespace twb {

struct PretrainOptions {
  long steps = 1000;
  int batchSize = 32;
  double lr = 5e-4;
  double warmup = 0.06;
  double weightDecay = 0.01;
  double clipNorm = 1.0;
  double maskProbability =
      0.15;  // of real, non-special tokens; then 80% mask, 10% random, 10% kept
  uint64_t seed = 1;
};

// Replaces tokens as BERT's recipe does; returns the labels (-100 where nothing is predicted).
// ids is modified in place.
torch::Tensor maskTokens(torch::Tensor& ids, const torch::Tensor& mask, const SpecialIds& specials,
                         int vocabSize, double probability);

// The masked-LM loss of a batch whose masked ids are in place: the encoder runs over every
// token in the batch's precision, the prediction head only over the positions with a label
// (about 15%: the same mean loss as predicting all and ignoring the rest, for a sixth of the
// head's work, which a vocabulary of thousands makes most of the step's).
torch::Tensor maskedLmLoss(TaskModel& model, const TensorBatch& batch, const torch::Tensor& labels,
                           Precision precision);

// Trains model (a HeadKind::MaskedLM model) for options.steps steps over the sequences,
// reporting train_loss points. Batches follow drawOrder (indices into sequences, e.g. from
// sampleByLanguage) when it is given, else shuffled epochs. Cancellation throws Cancelled.
void pretrainMaskedLM(TaskModel& model, const std::vector<EncodedExample>& sequences,
                      const BatchMaker& batches, const PretrainOptions& options,
                      StageReporter& reporter, const std::vector<size_t>& drawOrder = {});

}  // namespace twb

// HfCheckpoint: Hugging Face checkpoint folders imported into TaskModels, and exported back.
#pragma once

#include <QString>
#include <QStringList>

#include "family/HfConfig.h"
#include "models/TaskModel.h"

namespace twb {

// Every tensor of folder's model.safetensors (or of the shards model.safetensors.index.json
// names), floating point converted to float32, keys normalised: LayerNorm gamma/beta read as
// weight/bias and a bare encoder's keys get the family prefix ("bert.", "roberta.",
// "transformer."). A folder with only pytorch_model.bin (a Python pickle, which can run code
// when loaded) is refused with how to convert it. Throws InputError naming the file.
StateDict readHfWeights(const QString& folder, const HfModelConfig& config);

struct HfModel {
  HfModelConfig config;
  TaskModel model{nullptr};
  QStringList notes;  // keys left unused or newly initialised, for the user to read
};

// The checkpoint with its own head (the class `architectures` names), every key checked:
// a missing key, an unexpected key or a shape mismatch is an InputError naming them.
HfModel importHfModel(const QString& folder);

// The checkpoint's encoder (with BERT's pooler when it has one) for a model with a new task
// head: encoder keys are checked strictly; the checkpoint's own head keys are expected to be
// replaced and are listed in notes. The returned state loads with loadEncoderState().
StateDict importHfEncoder(const QString& folder, const HfModelConfig& config, QStringList* notes);

// Writes config (with the model's head and labels) as config.json and the model's tensors,
// keyed as Hugging Face's classes name them, as model.safetensors into folder.
void exportHfModel(TaskModelImpl& model, const HfModelConfig& config, const QString& folder);

// The engine's head for a checkpoint head.
HeadKind headKindOf(const HfModelConfig& config);

}  // namespace twb

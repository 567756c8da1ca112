// StateCopy: checked copying of a named tensor state (checkpoint keys) into a model's tensors.
#pragma once

#include <QString>
#include <set>
#include <string>
#include <vector>

#include "models/TaskModel.h"

namespace twb {

// One tensor of the model to fill, under its Hugging Face key.
struct StateTarget {
  std::string key;
  torch::Tensor tensor;
  bool optional = false;  // left as initialised when the state lacks it
};

bool hasPrefix(const std::string& text, const std::string& prefix);
bool hasSuffix(const std::string& text, const std::string& suffix);
QString shapeText(torch::IntArrayRef shape);

// The names a checkpoint may use for one of our keys: itself, the TensorFlow-era LayerNorm
// gamma/beta, and either without the family prefix (checkpoints of bare encoders).
std::vector<std::string> stateAliases(const std::string& key, const std::string& prefix);

// Keys a Hugging Face checkpoint holds that no model here has a tensor for by design: tied
// decoders (they are the word embeddings) and the position-id buffer.
bool tiedOrBufferKey(const std::string& key);

// Checks every target against state (missing keys, shapes), then copies them all, so a failed
// load leaves the model untouched. Throws InputError starting with `what` and naming the
// problems. Returns the state keys used.
std::set<std::string> copyState(const std::vector<StateTarget>& targets, const StateDict& state,
                                const std::string& prefix, const QString& what);

}  // namespace twb

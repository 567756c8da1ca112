// PretrainedModel: an experiment's model.from resolved to a checkpoint folder on this machine.
#pragma once

#include <QString>
#include <optional>

#include "common/TaskState.h"
#include "config/ExperimentSpec.h"
#include "models/HfConfig.h"

namespace twb {

struct PretrainedModel {
  QString folder;  // config.json, model.safetensors, tokenizer files
  HfModelConfig config;
};

// Nothing for model.from: scratch. A Hub model is fetched into the Hugging Face cache first
// (or found there), with its progress logged to state; a folder is read as it is. Checks that
// a written model.arch matches the checkpoint's. Throws InputError naming model.from or the
// file, RunError for a failed download, Cancelled when state asks to stop.
std::optional<PretrainedModel> resolvePretrained(const ExperimentSpec& spec, TaskState& state);

}  // namespace twb

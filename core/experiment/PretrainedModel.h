// PretrainedModel: an experiment's model.from resolved to a checkpoint folder on this machine.
#pragma once

#include <QString>
#include <optional>

#include "common/TaskState.h"
#include "config/ExperimentSpec.h"
#include "family/HfConfig.h"

namespace twb {

struct PretrainedModel {
  QString folder;  // config.json, model.safetensors, tokenizer files
  HfModelConfig config;
  QString commit;  // the Hub commit the folder holds; empty for a local folder
};

// Nothing for model.from: scratch. A Hub model is fetched into the Hugging Face cache first
// (or found there), with its progress logged to state; a folder is read as it is. Checks that
// a written model.arch matches the checkpoint's. Throws InputError naming model.from or the
// file, RunError for a failed download, Cancelled when state asks to stop. A non-empty
// pinnedCommit replaces the Hub revision (a resumed experiment keeps the commit it started on).
std::optional<PretrainedModel> resolvePretrained(const ExperimentSpec& spec, TaskState& state,
                                                 const QString& pinnedCommit = {});

// The Hub commit recorded in the stage checkpoints of a stored experiment (checkpointDir holds
// its seedS-STAGE.safetensors files); empty when none records one.
QString recordedHubCommit(const QString& checkpointDir);

}  // namespace twb

// CheckpointMetadata: the model description stored in a stage checkpoint's safetensors header.
#pragma once

#include <QStringList>

#include "family/HfConfig.h"
#include "models/Safetensors.h"
#include "models/TaskModel.h"

namespace twb {

// The encoder's sizes and constants, the head and its labels, as metadata strings.
SafetensorsMetadata checkpointDescription(const EncoderConfig& config, HeadKind head,
                                          const QStringList& labels);

// The Hugging Face description of a checkpoint from its metadata (model_type is the
// checkpoint's, or the family's for a model trained from scratch). Throws InputError naming
// path and the missing key.
HfModelConfig configFromMetadata(const SafetensorsMetadata& metadata, const QString& path);

}  // namespace twb

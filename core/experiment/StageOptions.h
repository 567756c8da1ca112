// StageOptions: the trainers' options for one stage and seed, taken from the experiment's keys.
#pragma once

#include "config/ExperimentSpec.h"
#include "train/MaskedLM.h"
#include "train/Trainer.h"

namespace twb {

// Fine-tuning a task for epochs (the task's own, resolved by the plan).
TrainerOptions trainerOptions(const ExperimentSpec& spec, int epochs, int seed);
// Masked-LM pretraining.
PretrainOptions pretrainOptions(const ExperimentSpec& spec, int seed);

}  // namespace twb

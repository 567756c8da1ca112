// PretrainShares: each language's share of an experiment's pretraining text (characters), the
// confounder Lauscher et al. (2020) found to matter as much as linguistic distance.
#pragma once

#include <QString>
#include <map>

#include "config/ExperimentSpec.h"

namespace twb {

// Language code -> share in [0, 1] of the pretraining text's characters (text without a
// language counts as English), from the datasets in dataDir's cache. Empty when the experiment
// does not pretrain here (a checkpoint pretrained elsewhere: its shares are not known) or when a
// pretraining dataset is not cached.
std::map<QString, double> pretrainingShares(const ExperimentSpec& spec, const QString& dataDir);

}  // namespace twb

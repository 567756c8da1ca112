// RunTokenizer: the sentencepiece tokenizer trained on an experiment's own text, cached by content.
#pragma once

#include <memory>

#include "common/TaskState.h"
#include "config/ExperimentSpec.h"
#include "experiment/Plan.h"
#include "text/SentencePieceTokenizer.h"

namespace twb {

// Trains on every text the experiment will train on (pretrain text, the intermediate and
// target training splits of the first seed), or loads the model trained earlier on the same
// text with the same settings from cacheDir.
std::unique_ptr<SentencePieceTokenizer> runTokenizer(const ExperimentSpec& spec,
                                                     const ExperimentPlan& plan,
                                                     const QString& cacheDir, TaskState& state);

}  // namespace twb

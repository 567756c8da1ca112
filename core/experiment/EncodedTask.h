// EncodedTask: one planned task's examples for one seed, turned into model inputs.
#pragma once

#include <vector>

#include "experiment/Plan.h"
#include "text/Tokenizer.h"
#include "train/TrainingData.h"

namespace twb {

struct EncodedTask {
  const PlannedTask* task = nullptr;
  std::vector<EncodedExample> train, dev, test;
  std::vector<EncodedExample> sourceTest;           // zero-shot: the English test part
  std::vector<EncodedExample> pivot, translations;  // retrieval: aligned item by item
};

// The seed's splits of task (a retrieval task: its aligned items), cut to maxLen tokens.
EncodedTask encodeTask(const PlannedTask& task, int seed, const Tokenizer& tokenizer,
                       const QString& arch, int maxLen);

}  // namespace twb

// Encoding: examples turned into model inputs with a tokenizer and a model family's layout.
#pragma once

#include <vector>

#include "data/Example.h"
#include "text/Tokenizer.h"
#include "train/TrainingData.h"

namespace twb {

std::vector<EncodedExample> encodeExamples(const QVector<Example>& examples,
                                           const Tokenizer& tokenizer, const QString& arch,
                                           int maxLen);

// Raw text for masked-LM pretraining: each text cut into windows of at most maxLen tokens
// (special tokens included), so long reviews are used whole rather than truncated.
std::vector<EncodedExample> encodePretrainText(const std::vector<Dataset>& datasets,
                                               const Tokenizer& tokenizer, const QString& arch,
                                               int maxLen);

}  // namespace twb

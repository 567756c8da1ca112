// ModelInputs: special tokens, truncation and per-batch padding as each model family does them.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

#include "text/Tokenizer.h"

namespace twb {

// One sequence ready for the encoder: ids with the family's special tokens, and type ids.
struct EncodedInput {
  std::vector<int64_t> ids;
  std::vector<int64_t> types;
};

// A padded batch, row-major [rows, cols]. mask is 1 at real tokens, 0 at padding.
struct Batch {
  int rows = 0;
  int cols = 0;
  std::vector<int64_t> ids;
  std::vector<int64_t> mask;
  std::vector<int64_t> types;
};

// BERT:    [CLS] A [SEP] B [SEP]       types 0 ... 0 1 ... 1
// RoBERTa: <s> A </s> </s> B </s>      types all 0
// XLNet:   A <sep> B <sep> <cls>       types 0 ... 1 ... 2
// The longer of A and B is cut first until the whole fits in maxLen.
EncodedInput buildInput(const QString& arch, const SpecialIds& specials, std::vector<int> a,
                        std::vector<int> b, int maxLen);

// Pads to the longest sequence of the batch (dynamic padding); XLNet pads on the left.
Batch padBatch(const QString& arch, const SpecialIds& specials,
               const std::vector<EncodedInput>& inputs);

}  // namespace twb

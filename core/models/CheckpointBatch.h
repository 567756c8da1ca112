// CheckpointBatch: the JSON batch `twb models run` reads (ids, mask, types), parsed without torch.
#pragma once

#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <vector>

namespace twb {

// One [rows, cols] matrix of non-negative integers, row-major; rows == 0 when the key is absent.
struct IdMatrix {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<std::int64_t> values;

  bool defined() const { return rows > 0; }
  std::int64_t max() const;  // the largest value; -1 when undefined
};

struct CheckpointBatch {
  IdMatrix inputIds;
  IdMatrix attentionMask;  // undefined: all ones
  IdMatrix tokenTypeIds;   // undefined: all zeros
};

// The batch object {"input_ids": [[...]], "attention_mask": [[...]], "token_type_ids": [[...]]}:
// lists of equal-length lists of non-negative integers, the mask and types shaped as the ids,
// the mask of zeros and ones.
// Throws InputError naming path and the key (and row and position) of a malformed entry.
CheckpointBatch parseCheckpointBatch(const QJsonObject& batch, const QString& path);
// Reads the file and parses it; InputError naming the file when it is not a JSON object.
CheckpointBatch readCheckpointBatch(const QString& path);

}  // namespace twb

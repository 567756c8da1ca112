// CheckpointBatch: reads and checks the integer matrices of a `twb models run` batch file.
#include "models/CheckpointBatch.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>

#include "common/InputError.h"
#include "common/JsonFile.h"

namespace twb {
namespace {

// The most tokens (rows x columns) one batch file may hold.
constexpr std::int64_t kMaxBatchTokens = 1 << 18;
// The largest integer a JSON number (a double) holds exactly.
constexpr double kLargestId = 9007199254740992.0;

// One [B, T] integer matrix of the batch file; undefined when the key is absent.
IdMatrix readMatrix(const QString& path, const QJsonObject& batch, const QString& key,
                    std::int64_t rows, std::int64_t cols) {
  const QJsonValue value = batch.value(key);
  if (value.isUndefined() || value.isNull()) return {};
  auto fail = [&](const QString& message) {
    throw InputError(path, 0, 0, QStringLiteral("key \"%1\": %2").arg(key, message));
  };
  if (!value.isArray()) fail(QStringLiteral("must be a list of lists of integers"));
  const QJsonArray outer = value.toArray();
  if (rows >= 0 && outer.size() != rows)
    fail(QStringLiteral("has %1 rows but input_ids has %2").arg(outer.size()).arg(rows));
  if (outer.isEmpty()) fail(QStringLiteral("is empty"));
  const std::int64_t width = cols >= 0 ? cols : outer.first().toArray().size();
  if (width == 0) fail(QStringLiteral("row 1 is empty"));
  // The encoder keeps every layer's states of the whole batch: a million-row batch would need
  // tens of gigabytes. One call takes what a user would run by hand; more goes in several.
  if (static_cast<std::int64_t>(outer.size()) * width > kMaxBatchTokens)
    fail(QStringLiteral("%1 rows of %2 tokens are more than the %3 tokens one call runs; split "
                        "the batch into several files")
             .arg(outer.size())
             .arg(width)
             .arg(kMaxBatchTokens));
  IdMatrix matrix;
  matrix.rows = outer.size();
  matrix.cols = width;
  matrix.values.reserve(static_cast<std::size_t>(matrix.rows * width));
  for (int r = 0; r < outer.size(); ++r) {
    const QJsonArray row = outer[r].toArray();
    if (!outer[r].isArray() || row.size() != width)
      fail(QStringLiteral("row %1 has %2 entries, not %3 (pad every row to one length)")
               .arg(r + 1)
               .arg(outer[r].isArray() ? row.size() : 0)
               .arg(width));
    for (int c = 0; c < width; ++c) {
      // Compared as doubles before any cast: 1e300 has no int64 value to compare with.
      const double number = row[c].toDouble(-1);
      if (!row[c].isDouble() || !(number >= 0) || number != std::trunc(number))
        fail(QStringLiteral("row %1, position %2: not a non-negative integer")
                 .arg(r + 1)
                 .arg(c + 1));
      if (number > kLargestId)
        fail(QStringLiteral("row %1, position %2: %3 is too large")
                 .arg(r + 1)
                 .arg(c + 1)
                 .arg(number));
      matrix.values.push_back(static_cast<std::int64_t>(number));
    }
  }
  return matrix;
}

}  // namespace

std::int64_t IdMatrix::max() const {
  return values.empty() ? -1 : *std::max_element(values.begin(), values.end());
}

CheckpointBatch parseCheckpointBatch(const QJsonObject& batch, const QString& path) {
  CheckpointBatch parsed;
  parsed.inputIds = readMatrix(path, batch, QStringLiteral("input_ids"), -1, -1);
  if (!parsed.inputIds.defined())
    throw InputError(path, 0, 0, QStringLiteral("key \"input_ids\": missing"));
  const std::int64_t rows = parsed.inputIds.rows;
  const std::int64_t cols = parsed.inputIds.cols;
  parsed.attentionMask = readMatrix(path, batch, QStringLiteral("attention_mask"), rows, cols);
  const std::vector<std::int64_t>& mask = parsed.attentionMask.values;
  const auto notBinary =
      std::find_if(mask.begin(), mask.end(), [](std::int64_t v) { return v != 0 && v != 1; });
  if (notBinary != mask.end()) {
    const std::int64_t at = notBinary - mask.begin();
    throw InputError(path, 0, 0,
                     QStringLiteral("key \"attention_mask\": row %1, position %2: %3 is neither "
                                    "1 (a token to attend to) nor 0 (padding)")
                         .arg(at / cols + 1)
                         .arg(at % cols + 1)
                         .arg(*notBinary));
  }
  parsed.tokenTypeIds = readMatrix(path, batch, QStringLiteral("token_type_ids"), rows, cols);
  return parsed;
}

CheckpointBatch readCheckpointBatch(const QString& path) {
  return parseCheckpointBatch(readJsonObjectFile(path), path);
}

}  // namespace twb

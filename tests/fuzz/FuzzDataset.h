// FuzzDataset: the body of the TSV, CSV and JSONL harnesses: the first byte picks the task and
// the columns asked for, the rest is the dataset file.
#pragma once

#include "FuzzSupport.h"
#include "data/DatasetReader.h"

namespace twb::fuzz {

inline int readDatasetInput(const QString& suffix, const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  DatasetRef ref;
  ref.path = writeScratch(QStringLiteral("data.") + suffix, bytesOf(data + 1, size - 1));
  return parseOrReject([&] {
    switch (data[0] % 5) {
      case 0:
        readDataset(ref, QStringLiteral("text"));
        break;
      case 1:
        readDataset(ref, QStringLiteral("classification"));
        break;
      case 2:
        ref.scoreColumn = QStringLiteral("score");
        ref.pairColumn = QStringLiteral("pair");
        readDataset(ref, QStringLiteral("similarity"));
        break;
      case 3:
        ref.pairColumn = QStringLiteral("pair");
        ref.labels = {QStringLiteral("neg"), QStringLiteral("pos")};
        readDataset(ref, QStringLiteral("sentiment"));
        break;
      default:
        readAlignedPairs(ref, QStringLiteral("en"), QStringLiteral("de"));
    }
  });
}

}  // namespace twb::fuzz

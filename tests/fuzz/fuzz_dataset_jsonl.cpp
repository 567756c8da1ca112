// Fuzzes the JSONL dataset reader (data/DatasetReader over data/RawTable) through a .jsonl file.
#include "FuzzDataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return twb::fuzz::readDatasetInput(QStringLiteral("jsonl"), data, size);
}

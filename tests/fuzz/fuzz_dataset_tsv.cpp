// Fuzzes the TSV dataset reader (data/DatasetReader over data/RawTable) through a .tsv file.
#include "FuzzDataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return twb::fuzz::readDatasetInput(QStringLiteral("tsv"), data, size);
}

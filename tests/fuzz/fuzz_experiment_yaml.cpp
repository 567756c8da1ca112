// Fuzzes the experiment YAML loader (config/ExperimentLoader) with the bytes as the file.
#include "FuzzSupport.h"
#include "config/ExperimentLoader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QString path =
      fuzz::writeScratch(QStringLiteral("experiment.yaml"), fuzz::bytesOf(data, size));
  return fuzz::parseOrReject([&] { loadExperiment(path); });
}

// Fuzzes the config.json import (family/HfConfig.cpp); an accepted config is written back.
#include "FuzzSupport.h"
#include "family/HfConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  fuzz::writeScratch(QStringLiteral("checkpoint/config.json"), fuzz::bytesOf(data, size));
  return fuzz::parseOrReject([&] {
    const HfModelConfig config = readHfConfig(fuzz::scratchDir() + QStringLiteral("/checkpoint"));
    hfConfigJson(config);
  });
}

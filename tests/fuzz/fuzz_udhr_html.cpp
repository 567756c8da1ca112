// Fuzzes the UDHR declaration HTML reader (data/UdhrDocument).
#include "FuzzSupport.h"
#include "data/UdhrDocument.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  return fuzz::parseOrReject(
      [&] { parseUdhrHtml(fuzz::textOf(data, size), QStringLiteral("deu_1996")); });
}

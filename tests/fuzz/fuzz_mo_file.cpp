// Fuzzes the gettext .mo reader (data/MoFile).
#include "FuzzSupport.h"
#include "data/MoFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  return fuzz::parseOrReject(
      [&] { parseMo(fuzz::bytesOf(data, size), QStringLiteral("gtk30.mo")); });
}

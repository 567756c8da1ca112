// Fuzzes the R data reader (langsim/RdaReader: gzip/xz, RDX2/RDX3, XDR objects), then reads what
// it accepts as WALS data and through every RObject accessor.
#include "FuzzSupport.h"
#include "langsim/RdaReader.h"
#include "langsim/WalsData.h"

namespace {

// Every object reachable, at most `budget` visits: references make a graph, not a tree.
void visit(const twb::RObject& object, int& budget) {
  if (--budget < 0) return;
  object.length();
  object.names();
  object.classes();
  object.asStrings();
  object.asDoubles();
  for (const twb::RObjectPtr& item : object.items)
    if (item) visit(*item, budget);
  for (const auto& [name, value] : object.attributes)
    if (value) visit(*value, budget);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  return fuzz::parseOrReject([&] {
    const RNamedObjects objects = parseRda(fuzz::bytesOf(data, size), QStringLiteral("wals.rda"));
    int budget = 10000;
    for (const auto& [name, object] : objects)
      if (object) visit(*object, budget);
    walsFromR(objects, QStringLiteral("wals.rda"));
  });
}

// Fuzzes the JSON batch of `twb models run` (models/CheckpointBatch.cpp).
#include "FuzzSupport.h"
#include "models/CheckpointBatch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QString path = fuzz::writeScratch(QStringLiteral("batch.json"), fuzz::bytesOf(data, size));
  return fuzz::parseOrReject([&] {
    const CheckpointBatch batch = readCheckpointBatch(path);
    for (const IdMatrix* m : {&batch.inputIds, &batch.attentionMask, &batch.tokenTypeIds})
      if (m->defined() && static_cast<std::int64_t>(m->values.size()) != m->rows * m->cols)
        std::abort();
  });
}

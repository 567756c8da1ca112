// Fuzzes the safetensors header reader (models/SafetensorsHeader.cpp) with the bytes as the file;
// a header it accepts is encoded again and must read back the same.
#include <QtEndian>

#include "FuzzSupport.h"
#include "models/Safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QString path =
      fuzz::writeScratch(QStringLiteral("model.safetensors"), fuzz::bytesOf(data, size));
  return fuzz::parseOrReject([&] {
    const SafetensorsHeader header = readSafetensorsHeader(path);
    QByteArray again = encodeSafetensorsHeader(header.entries, header.metadata);
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(static_cast<quint64>(again.size()), length.data());
    again.prepend(length);
    again.append(QByteArray(static_cast<qsizetype>(header.dataSize), '\0'));
    const SafetensorsHeader reread =
        readSafetensorsHeader(fuzz::writeScratch(QStringLiteral("again.safetensors"), again));
    if (reread.entries.size() != header.entries.size() || reread.metadata != header.metadata)
      std::abort();
    for (std::size_t i = 0; i < header.entries.size(); ++i) {
      const SafetensorsEntry& a = header.entries[i];
      const SafetensorsEntry& b = reread.entries[i];
      if (a.name != b.name || a.dtype != b.dtype || a.shape != b.shape || a.begin != b.begin ||
          a.end != b.end)
        std::abort();
    }
  });
}

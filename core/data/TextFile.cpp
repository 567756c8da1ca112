#include "data/TextFile.h"

#include "common/InputFile.h"

namespace twb {

QString readUtf8File(const QString& path, const QString& what) {
  return decodeUtf8(readInputFile(path, kTextFileCap, what), path);
}

}  // namespace twb

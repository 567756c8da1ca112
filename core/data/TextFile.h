// TextFile: reads a user's UTF-8 text file whole (a dataset, a corpus file), bounded in size.
#pragma once

#include <QString>

#include "common/Utf8Text.h"

namespace twb {

// Reads and decodes the file (see decodeUtf8). Throws InputError naming the file when it is
// missing, not a regular file, larger than kTextFileCap, or not UTF-8 text; what names the
// kind of file in those messages.
QString readUtf8File(const QString& path, const QString& what = QStringLiteral("a text file"));

}  // namespace twb

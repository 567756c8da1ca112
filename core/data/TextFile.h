// TextFile: reads a UTF-8 text file whole, dropping a BOM and naming the first line that is not
// valid UTF-8.
#pragma once

#include <QByteArray>
#include <QString>

namespace twb {

// Decodes bytes as UTF-8 after dropping a leading BOM. Throws InputError(file, line) at the
// first line holding invalid UTF-8.
QString decodeUtf8(const QByteArray& bytes, const QString& file);
// Reads and decodes the file; throws InputError when it cannot be opened.
QString readUtf8File(const QString& path);

}  // namespace twb

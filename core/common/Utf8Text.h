// Utf8Text: decodes a user's file as UTF-8, naming the line that is not, and saying so plainly
// when the file is UTF-16 or UTF-32.
#pragma once

#include <QByteArray>
#include <QString>

namespace twb {

// Decodes bytes as UTF-8 after dropping a leading UTF-8 BOM. Throws InputError naming file:
// at line 1 for a UTF-16 or UTF-32 file (its byte order mark, or NUL bytes, give it away),
// at the first line holding invalid UTF-8 or a NUL byte otherwise.
QString decodeUtf8(const QByteArray& bytes, const QString& file);

}  // namespace twb

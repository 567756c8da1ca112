// Decompress: unpacks the compressed streams R's save() writes (gzip, xz; bzip2 is refused).
#pragma once

#include <QByteArray>
#include <QString>

namespace twb {

enum class Compression { None, Gzip, Bzip2, Xz };

// Tells the compression from the leading magic bytes.
Compression detectCompression(const QByteArray& data);

// Returns data uncompressed (as is when not compressed). `what` names the source in errors.
// Throws InputError for a corrupt stream, for bzip2 (no decoder linked) and for output beyond
// maxBytes (a guard against decompression bombs).
QByteArray decompress(const QByteArray& data, const QString& what,
                      qint64 maxBytes = qint64(1) << 30);

}  // namespace twb

// Files: writing a file atomically and hashing one, shared by the dataset, Hub and model caches.
#pragma once

#include <QByteArray>
#include <QString>

namespace twb {

// Writes bytes to a temporary file renamed to path; RunError naming path when it cannot.
void writeFileAtomically(const QString& path, const QByteArray& bytes);
// The file's SHA-256 in lower-case hex; empty when it cannot be read.
QString sha256OfFile(const QString& path);

}  // namespace twb

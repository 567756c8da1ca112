// Files: QSaveFile writes and SHA-256 digests of whole files.
#include "common/Files.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

#include "common/InputError.h"

namespace twb {

void writeFileAtomically(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw RunError(
        QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

QString sha256OfFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return QString();
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return QString();
  return QString::fromLatin1(hash.result().toHex());
}

}  // namespace twb

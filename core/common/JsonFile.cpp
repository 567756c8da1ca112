// JsonFile: reading one JSON object from a file, located errors.
#include "common/JsonFile.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include "common/InputError.h"
#include "common/InputFile.h"

namespace twb {

QJsonObject readJsonObjectFile(const QString& path) {
  const QByteArray bytes = readInputFile(path, kJsonFileCap, QStringLiteral("a JSON file"));
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
  if (error.error != QJsonParseError::NoError) {
    const QByteArray before = bytes.left(error.offset);
    const int line = static_cast<int>(before.count('\n')) + 1;
    const int column = static_cast<int>(error.offset - (before.lastIndexOf('\n') + 1)) + 1;
    throw InputError(path, line, column, QStringLiteral("not valid JSON: ") + error.errorString());
  }
  if (!doc.isObject()) throw InputError(path, 1, 1, QStringLiteral("expected a JSON object"));
  return doc.object();
}

}  // namespace twb

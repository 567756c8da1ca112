#include "text/HfJson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

#include "common/InputError.h"

namespace twb::hfjson {
namespace {

QString keyName(const QString& keyPath, const QString& name) {
  return keyPath.isEmpty() ? name : keyPath + QLatin1Char('.') + name;
}

}  // namespace

QJsonObject readObject(const QString& path) {
  if (!QFileInfo(path).isFile()) throw InputError(path, 0, 0, QStringLiteral("no such file"));
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: ") + file.errorString());
  const QByteArray bytes = file.readAll();
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

QJsonObject readObjectIfExists(const QString& path) {
  return QFileInfo::exists(path) ? readObject(path) : QJsonObject();
}

int id(const QJsonValue& value, const QString& file, const QString& key) {
  const double d = value.toDouble(-1.0);
  if (!value.isDouble() || d < 0 || d > 2147483647.0 || std::floor(d) != d)
    throw InputError(file, 0, 0,
                     QStringLiteral("key '%1': expected a non-negative integer id").arg(key));
  return static_cast<int>(d);
}

bool flag(const QJsonObject& object, const QString& name, bool fallback, const QString& file,
          const QString& keyPath) {
  const QJsonValue v = object.value(name);
  if (v.isUndefined() || v.isNull()) return fallback;
  if (!v.isBool())
    throw InputError(
        file, 0, 0, QStringLiteral("key '%1': expected true or false").arg(keyName(keyPath, name)));
  return v.toBool();
}

QString string(const QJsonObject& object, const QString& name, const QString& fallback,
               const QString& file, const QString& keyPath) {
  const QJsonValue v = object.value(name);
  if (v.isUndefined() || v.isNull()) return fallback;
  if (!v.isString())
    throw InputError(file, 0, 0,
                     QStringLiteral("key '%1': expected a string").arg(keyName(keyPath, name)));
  return v.toString();
}

}  // namespace twb::hfjson

#include "text/HfJson.h"

#include <QFileInfo>
#include <cmath>

#include "common/InputError.h"
#include "common/JsonFile.h"

namespace twb::hfjson {
namespace {

QString keyName(const QString& keyPath, const QString& name) {
  return keyPath.isEmpty() ? name : keyPath + QLatin1Char('.') + name;
}

}  // namespace

QJsonObject readObject(const QString& path) { return readJsonObjectFile(path); }

QJsonObject readObjectIfExists(const QString& path) {
  return QFileInfo::exists(path) ? readObject(path) : QJsonObject();
}

int id(const QJsonValue& value, const QString& file, const QString& key) {
  const double d = value.toDouble(-1.0);
  if (!value.isDouble() || !(d >= 0) || std::floor(d) != d)
    throw InputError(file, 0, 0,
                     QStringLiteral("key '%1': expected a non-negative integer id").arg(key));
  // A tokenizer keeps a table up to its largest id: a stray 2e9 would ask for gigabytes.
  if (d > kMaxTokenId)
    throw InputError(file, 0, 0,
                     QStringLiteral("key '%1': id %2 is too large (ids up to %3 are read)")
                         .arg(key)
                         .arg(d, 0, 'f', 0)
                         .arg(kMaxTokenId));
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

namespace twb {

void readAddedTokenObject(AddedToken& token, const QJsonObject& object, const QString& file,
                          const QString& key) {
  token.content = hfjson::string(object, QStringLiteral("content"), QString(), file, key);
  if (token.content.isEmpty())
    throw InputError(file, 0, 0, QStringLiteral("key '%1.content': missing or empty").arg(key));
  token.lstrip = hfjson::flag(object, QStringLiteral("lstrip"), false, file, key);
  token.rstrip = hfjson::flag(object, QStringLiteral("rstrip"), false, file, key);
  token.singleWord = hfjson::flag(object, QStringLiteral("single_word"), false, file, key);
}

}  // namespace twb

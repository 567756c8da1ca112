#include "langsim/IsoCodes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "common/InputError.h"

namespace twb {
namespace {

QJsonArray entries(const QByteArray& json, const QString& key, const QString& what) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(json, &error);
  if (error.error != QJsonParseError::NoError)
    throw InputError(what, 0, 0, QStringLiteral("bad JSON: %1").arg(error.errorString()));
  const QJsonValue list = document.object().value(key);
  if (!list.isArray()) throw InputError(what, 0, 0, QStringLiteral("no \"%1\" list").arg(key));
  return list.toArray();
}

}  // namespace

const IsoLanguage* IsoCodes::find(const QString& code) const {
  const auto it = index_.constFind(code.toLower());
  return it == index_.constEnd() ? nullptr : &languages[*it];
}

QString cleanIsoName(const QString& name) {
  static const QRegularExpression qualifier(
      QStringLiteral("\\s*\\((macrolanguage|individual language|\\d{3,4}-\\d{0,4})\\)$"));
  return QString(name).remove(qualifier).trimmed();
}

IsoCodes parseIsoCodes(const QByteArray& iso6393Json, const QByteArray& iso6395Json,
                       const QString& what) {
  IsoCodes codes;
  for (const QJsonValue& value : entries(iso6393Json, QStringLiteral("639-3"), what)) {
    const QJsonObject entry = value.toObject();
    IsoLanguage language;
    language.alpha3 = entry.value(QStringLiteral("alpha_3")).toString();
    language.alpha2 = entry.value(QStringLiteral("alpha_2")).toString();
    language.isoName = entry.value(QStringLiteral("name")).toString();
    const QString common = entry.value(QStringLiteral("common_name")).toString();
    language.name = cleanIsoName(common.isEmpty() ? language.isoName : common);
    language.scope = entry.value(QStringLiteral("scope")).toString();
    if (language.alpha3.size() != 3) continue;
    codes.index_.insert(language.alpha3, codes.languages.size());
    if (!language.alpha2.isEmpty()) codes.index_.insert(language.alpha2, codes.languages.size());
    codes.languages << language;
  }
  if (codes.languages.isEmpty())
    throw InputError(what, 0, 0, QStringLiteral("no ISO 639-3 languages"));
  if (!iso6395Json.isEmpty()) {
    for (const QJsonValue& value : entries(iso6395Json, QStringLiteral("639-5"), what)) {
      const QJsonObject entry = value.toObject();
      codes.groupNames.insert(entry.value(QStringLiteral("alpha_3")).toString(),
                              entry.value(QStringLiteral("name")).toString());
    }
  }
  return codes;
}

}  // namespace twb

// LanguageTable's JSON form (dataDir/langsim/languages.json).
#include <QJsonArray>
#include <cmath>

#include "common/InputError.h"
#include "langsim/LanguageTable.h"

namespace twb {
namespace {

constexpr int kFormatVersion = 1;

QJsonObject stringMap(const QMap<QString, QString>& map) {
  QJsonObject object;
  for (auto it = map.begin(); it != map.end(); ++it) object.insert(it.key(), it.value());
  return object;
}

QMap<QString, QString> readStringMap(const QJsonValue& value) {
  QMap<QString, QString> map;
  const QJsonObject object = value.toObject();
  for (auto it = object.begin(); it != object.end(); ++it) map.insert(it.key(), it->toString());
  return map;
}

QJsonObject walsJson(const WalsProfile& wals) {
  QJsonObject object{{QStringLiteral("code"), wals.code},
                     {QStringLiteral("name"), wals.name},
                     {QStringLiteral("genus"), wals.genus},
                     {QStringLiteral("family"), wals.family},
                     {QStringLiteral("match"), wals.match},
                     {QStringLiteral("features"), stringMap(wals.features)}};
  // JSON has no NaN: unknown coordinates are left out.
  if (std::isfinite(wals.latitude) && std::isfinite(wals.longitude)) {
    object.insert(QStringLiteral("latitude"), wals.latitude);
    object.insert(QStringLiteral("longitude"), wals.longitude);
  }
  return object;
}

WalsProfile readWals(const QJsonObject& object) {
  WalsProfile wals;
  wals.code = object.value(QStringLiteral("code")).toString();
  wals.name = object.value(QStringLiteral("name")).toString();
  wals.genus = object.value(QStringLiteral("genus")).toString();
  wals.family = object.value(QStringLiteral("family")).toString();
  wals.match = object.value(QStringLiteral("match")).toString();
  wals.features = readStringMap(object.value(QStringLiteral("features")));
  const QJsonValue latitude = object.value(QStringLiteral("latitude"));
  const QJsonValue longitude = object.value(QStringLiteral("longitude"));
  if (latitude.isDouble() && longitude.isDouble()) {
    wals.latitude = latitude.toDouble();
    wals.longitude = longitude.toDouble();
  }
  return wals;
}

}  // namespace

QJsonObject LanguageTable::toJson() const {
  QJsonArray languages;
  for (const Language& language : languages_) {
    QJsonObject object{{QStringLiteral("iso3"), language.iso3},
                       {QStringLiteral("name"), language.name},
                       {QStringLiteral("inFamilyTree"), language.inFamilyTree}};
    if (!language.iso1.isEmpty()) object.insert(QStringLiteral("iso1"), language.iso1);
    if (language.inFamilyTree)
      object.insert(QStringLiteral("family"), QJsonArray::fromStringList(language.familyPath));
    if (language.hasWals()) object.insert(QStringLiteral("wals"), walsJson(language.wals));
    languages.append(object);
  }
  QJsonObject groups;
  for (auto it = groupNames_.begin(); it != groupNames_.end(); ++it)
    groups.insert(it.key(), it.value());
  return {{QStringLiteral("format"), QStringLiteral("twb-languages")},
          {QStringLiteral("version"), kFormatVersion},
          {QStringLiteral("sources"), QJsonArray::fromStringList(sources_)},
          {QStringLiteral("groups"), groups},
          {QStringLiteral("walsFeatures"), stringMap(featureNames_)},
          {QStringLiteral("languages"), languages}};
}

LanguageTable LanguageTable::fromJson(const QJsonObject& json, const QString& what) {
  if (json.value(QStringLiteral("format")).toString() != QLatin1String("twb-languages") ||
      json.value(QStringLiteral("version")).toInt() != kFormatVersion)
    throw InputError(what, 0, 0,
                     QStringLiteral("not a language table of format version %1; run `twb langs "
                                    "fetch` to build it again")
                         .arg(kFormatVersion));
  QVector<Language> languages;
  for (const QJsonValue& value : json.value(QStringLiteral("languages")).toArray()) {
    const QJsonObject object = value.toObject();
    Language language;
    language.iso3 = object.value(QStringLiteral("iso3")).toString();
    language.iso1 = object.value(QStringLiteral("iso1")).toString();
    language.name = object.value(QStringLiteral("name")).toString();
    language.inFamilyTree = object.value(QStringLiteral("inFamilyTree")).toBool();
    for (const QJsonValue& group : object.value(QStringLiteral("family")).toArray())
      language.familyPath << group.toString();
    if (object.contains(QStringLiteral("wals")))
      language.wals = readWals(object.value(QStringLiteral("wals")).toObject());
    if (language.iso3.isEmpty())
      throw InputError(what, 0, 0, QStringLiteral("a language without an iso3 code"));
    languages << language;
  }
  QHash<QString, QString> groups;
  const QJsonObject groupObject = json.value(QStringLiteral("groups")).toObject();
  for (auto it = groupObject.begin(); it != groupObject.end(); ++it)
    groups.insert(it.key(), it->toString());
  QStringList sources;
  for (const QJsonValue& source : json.value(QStringLiteral("sources")).toArray())
    sources << source.toString();
  return LanguageTable(std::move(languages), std::move(groups),
                       readStringMap(json.value(QStringLiteral("walsFeatures"))),
                       std::move(sources));
}

}  // namespace twb

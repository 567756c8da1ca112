#include "langsim/LanguageTable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <cmath>

#include "common/DataFolders.h"
#include "common/InputError.h"

namespace twb {

bool Language::hasCoordinates() const {
  return std::isfinite(wals.latitude) && std::isfinite(wals.longitude);
}

LanguageTable::LanguageTable(QVector<Language> languages, QHash<QString, QString> groupNames,
                             QMap<QString, QString> featureNames, QStringList sources)
    : languages_(std::move(languages)),
      groupNames_(std::move(groupNames)),
      featureNames_(std::move(featureNames)),
      sources_(std::move(sources)) {
  // Codes first, so a name never shadows a code; earlier entries win among equals.
  for (qsizetype i = 0; i < languages_.size(); ++i) {
    index_.insert(languages_[i].iso3.toLower(), i);
    if (!languages_[i].iso1.isEmpty()) index_.insert(languages_[i].iso1.toLower(), i);
  }
  for (qsizetype i = 0; i < languages_.size(); ++i) {
    const QString name = languages_[i].name.toLower();
    if (!name.isEmpty() && !index_.contains(name)) index_.insert(name, i);
  }
}

QString LanguageTable::defaultDataDir() { return datasetsFolder(); }

QString LanguageTable::filePath(const QString& dataDir) {
  return QDir(dataDir.isEmpty() ? defaultDataDir() : dataDir)
      .filePath(QStringLiteral("langsim/languages.json"));
}

LanguageTable LanguageTable::load(const QString& dataDir) {
  const QString path = filePath(dataDir);
  QFile file(path);
  if (!file.exists())
    throw InputError(path, 0, 0,
                     QStringLiteral("no language table; run `twb langs fetch` to build it"));
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError || !document.isObject())
    throw InputError(path, 0, 0,
                     QStringLiteral("bad JSON (%1); run `twb langs fetch` to build it again")
                         .arg(error.errorString()));
  return fromJson(document.object(), path);
}

void LanguageTable::save(const QString& dataDir) const {
  const QString path = filePath(dataDir);
  if (!QDir().mkpath(QFileInfo(path).absolutePath()))
    throw RunError(QStringLiteral("cannot create the folder of %1").arg(path).toStdString());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    throw RunError(
        QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
  file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
  if (!file.commit())
    throw RunError(
        QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

const Language* LanguageTable::find(const QString& codeOrName) const {
  const auto it = index_.constFind(codeOrName.trimmed().toLower());
  return it == index_.constEnd() ? nullptr : &languages_[*it];
}

const Language& LanguageTable::get(const QString& codeOrName) const {
  if (const Language* language = find(codeOrName)) return *language;
  throw InputError(
      QStringLiteral("unknown language '%1' (give an ISO 639-1 or 639-3 code)").arg(codeOrName));
}

}  // namespace twb

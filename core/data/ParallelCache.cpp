#include "data/ParallelCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/InputError.h"
#include "data/DatasetCache.h"

namespace twb {
namespace {

const QString kKind = QStringLiteral("parallel");

QString checksumFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("parallel.sha256"));
}
QString metaFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("meta.json"));
}

QJsonObject languageJson(const ParallelLanguageMeta& language) {
  QJsonObject json{{QStringLiteral("code"), language.code},
                   {QStringLiteral("count"), language.count},
                   {QStringLiteral("duplicates_dropped"), language.duplicatesDropped}};
  if (!language.name.isEmpty()) json.insert(QStringLiteral("name"), language.name);
  if (language.coordinates) {
    json.insert(QStringLiteral("latitude"), language.coordinates->first);
    json.insert(QStringLiteral("longitude"), language.coordinates->second);
  }
  return json;
}

ParallelLanguageMeta languageFromJson(const QJsonObject& json) {
  ParallelLanguageMeta language;
  language.code = json.value(QStringLiteral("code")).toString();
  language.name = json.value(QStringLiteral("name")).toString();
  language.count = json.value(QStringLiteral("count")).toInt();
  language.duplicatesDropped = json.value(QStringLiteral("duplicates_dropped")).toInt();
  const QJsonValue latitude = json.value(QStringLiteral("latitude"));
  const QJsonValue longitude = json.value(QStringLiteral("longitude"));
  if (latitude.isDouble() && longitude.isDouble())
    language.coordinates = QPair<double, double>(latitude.toDouble(), longitude.toDouble());
  return language;
}

}  // namespace

QString parallelDataFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("parallel.jsonl"));
}

ParallelMeta writeParallelCache(const QString& folder, const ParallelCorpus& corpus,
                                const QStringList& notes, const QString& origin,
                                const QString& archive) {
  if (!QDir().mkpath(folder))
    throw RunError(QStringLiteral("cannot create %1").arg(folder).toStdString());
  ParallelMeta meta;
  meta.id = corpus.id;
  meta.pivot = corpus.pivot;
  meta.notes = notes;
  meta.origin = origin;
  meta.archive = archive;
  meta.fetched = QDateTime::currentDateTimeUtc();
  meta.version = kParallelCacheVersion;
  QByteArray data;
  for (const auto& [code, items] : corpus.texts) {
    ParallelLanguageMeta language;
    language.code = code;
    language.count = static_cast<int>(items.size());
    const auto name = corpus.names.find(code);
    if (name != corpus.names.end()) language.name = name->second;
    const auto dropped = corpus.duplicatesDropped.find(code);
    if (dropped != corpus.duplicatesDropped.end()) language.duplicatesDropped = dropped->second;
    const auto where = corpus.coordinates.find(code);
    if (where != corpus.coordinates.end()) language.coordinates = where->second;
    meta.count += language.count;
    meta.duplicatesDropped += language.duplicatesDropped;
    meta.languages.push_back(language);
    for (const auto& [key, text] : items) {
      const QJsonObject line{{QStringLiteral("lang"), code},
                             {QStringLiteral("key"), key},
                             {QStringLiteral("text"), text}};
      data += QJsonDocument(line).toJson(QJsonDocument::Compact);
      data += '\n';
    }
  }
  meta.sha256 =
      QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());

  QJsonArray languages;
  for (const ParallelLanguageMeta& language : meta.languages)
    languages.append(languageJson(language));
  const QJsonObject json{{QStringLiteral("version"), meta.version},
                         {QStringLiteral("kind"), kKind},
                         {QStringLiteral("id"), meta.id},
                         {QStringLiteral("pivot"), meta.pivot},
                         {QStringLiteral("count"), meta.count},
                         {QStringLiteral("duplicates_dropped"), meta.duplicatesDropped},
                         {QStringLiteral("languages"), languages},
                         {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
                         {QStringLiteral("origin"), origin},
                         {QStringLiteral("archive"), archive},
                         {QStringLiteral("fetched"), meta.fetched.toString(Qt::ISODate)},
                         {QStringLiteral("sha256"), meta.sha256}};
  writeFileAtomically(parallelDataFile(folder), data);
  writeFileAtomically(metaFile(folder), QJsonDocument(json).toJson(QJsonDocument::Indented));
  writeFileAtomically(checksumFile(folder),
                      (meta.sha256 + QStringLiteral("  parallel.jsonl\n")).toUtf8());
  return meta;
}

bool parallelCacheExists(const QString& folder) {
  return QFile::exists(parallelDataFile(folder)) && QFile::exists(checksumFile(folder));
}

bool parallelCacheIsStale(const QString& folder) {
  const std::optional<ParallelMeta> meta = readParallelMeta(folder);
  return !meta || meta->version < kParallelCacheVersion;
}

std::optional<ParallelMeta> readParallelMeta(const QString& folder) {
  QFile file(metaFile(folder));
  if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
  if (!document.isObject()) return std::nullopt;
  const QJsonObject json = document.object();
  if (json.value(QStringLiteral("kind")).toString() != kKind) return std::nullopt;
  ParallelMeta meta;
  meta.id = json.value(QStringLiteral("id")).toString();
  meta.pivot = json.value(QStringLiteral("pivot")).toString(QStringLiteral("en"));
  meta.count = json.value(QStringLiteral("count")).toInt();
  meta.duplicatesDropped = json.value(QStringLiteral("duplicates_dropped")).toInt();
  for (const QJsonValue& language : json.value(QStringLiteral("languages")).toArray())
    meta.languages.push_back(languageFromJson(language.toObject()));
  for (const QJsonValue& line : json.value(QStringLiteral("notes")).toArray())
    meta.notes << line.toString();
  meta.origin = json.value(QStringLiteral("origin")).toString();
  meta.archive = json.value(QStringLiteral("archive")).toString();
  meta.fetched =
      QDateTime::fromString(json.value(QStringLiteral("fetched")).toString(), Qt::ISODate);
  meta.sha256 = json.value(QStringLiteral("sha256")).toString();
  meta.version = json.value(QStringLiteral("version")).toInt(0);
  return meta;
}

ParallelCorpus readParallelCache(const QString& folder, const QString& id) {
  const QString path = parallelDataFile(folder);
  verifyChecksum(path, checksumFile(folder), id);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read it: %1").arg(file.errorString()));
  ParallelCorpus corpus;
  corpus.id = id;
  const std::optional<ParallelMeta> meta = readParallelMeta(folder);
  if (meta) corpus.pivot = meta->pivot;
  int lineNumber = 0;
  while (!file.atEnd()) {
    const QByteArray line = file.readLine().trimmed();
    ++lineNumber;
    if (line.isEmpty()) continue;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    const QJsonObject object = document.object();
    const QString language = object.value(QStringLiteral("lang")).toString();
    const QString key = object.value(QStringLiteral("key")).toString();
    const QString text = object.value(QStringLiteral("text")).toString();
    if (error.error != QJsonParseError::NoError || language.isEmpty() || key.isEmpty())
      throw InputError(path, lineNumber, 0,
                       QStringLiteral("expected {\"lang\": ..., \"key\": ..., \"text\": ...}"));
    addParallelText(corpus, language, key, text);
  }
  if (meta) {
    for (const ParallelLanguageMeta& language : meta->languages) {
      if (!language.name.isEmpty()) corpus.names[language.code] = language.name;
      if (language.coordinates) corpus.coordinates[language.code] = *language.coordinates;
      if (language.duplicatesDropped > 0)
        corpus.duplicatesDropped[language.code] = language.duplicatesDropped;
    }
  }
  return corpus;
}

}  // namespace twb

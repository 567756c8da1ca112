#include "data/DatasetCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/InputError.h"
#include "data/SourceConverter.h"

namespace twb {
namespace {

QString checksumFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("data.sha256"));
}
QString metaFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("meta.json"));
}

}  // namespace

QString cacheDataFile(const QString& folder) {
  return QDir(folder).filePath(QStringLiteral("data.jsonl"));
}

CacheMeta writeCache(const QString& folder, const QString& id, const ConvertedSource& converted,
                     const QStringList& labels, const QString& origin, const QString& archive) {
  const QVector<LabelledText>& rows = converted.rows;
  if (!QDir().mkpath(folder))
    throw RunError(QStringLiteral("cannot create %1").arg(folder).toStdString());
  QByteArray data;
  QVector<int> counts(labels.size(), 0);
  for (const LabelledText& row : rows) {
    const QJsonObject object{{QStringLiteral("text"), row.text},
                             {QStringLiteral("label"), row.label}};
    data += QJsonDocument(object).toJson(QJsonDocument::Compact);
    data += '\n';
    const qsizetype label = labels.indexOf(row.label);
    if (label >= 0) ++counts[label];
  }
  CacheMeta meta;
  meta.id = id;
  meta.count = static_cast<int>(rows.size());
  for (qsizetype i = 0; i < labels.size(); ++i) meta.labelCounts.push_back({labels[i], counts[i]});
  meta.origin = origin;
  meta.archive = archive;
  meta.fetched = QDateTime::currentDateTimeUtc();
  meta.sha256 =
      QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
  meta.version = kCacheVersion;
  meta.duplicatesDropped = converted.duplicatesDropped;
  meta.conflictsDropped = converted.conflictsDropped;

  QJsonObject labelObject;
  QJsonArray labelOrder;
  for (const auto& [name, count] : meta.labelCounts) {
    labelObject.insert(name, count);
    labelOrder.append(name);
  }
  const QJsonObject json{{QStringLiteral("version"), meta.version},
                         {QStringLiteral("id"), id},
                         {QStringLiteral("count"), meta.count},
                         {QStringLiteral("duplicates_dropped"), meta.duplicatesDropped},
                         {QStringLiteral("conflicts_dropped"), meta.conflictsDropped},
                         {QStringLiteral("labels"), labelOrder},
                         {QStringLiteral("label_counts"), labelObject},
                         {QStringLiteral("origin"), origin},
                         {QStringLiteral("archive"), archive},
                         {QStringLiteral("fetched"), meta.fetched.toString(Qt::ISODate)},
                         {QStringLiteral("sha256"), meta.sha256}};
  writeFileAtomically(cacheDataFile(folder), data);
  writeFileAtomically(metaFile(folder), QJsonDocument(json).toJson(QJsonDocument::Indented));
  writeFileAtomically(checksumFile(folder),
                      (meta.sha256 + QStringLiteral("  data.jsonl\n")).toUtf8());
  return meta;
}

bool cacheExists(const QString& folder) {
  return QFile::exists(cacheDataFile(folder)) && QFile::exists(checksumFile(folder));
}

bool cacheIsStale(const QString& folder) {
  const std::optional<CacheMeta> meta = readCacheMeta(folder);
  return !meta || meta->version < kCacheVersion;
}

void verifyCache(const QString& folder, const QString& id) {
  verifyChecksum(cacheDataFile(folder), checksumFile(folder), id);
}

std::optional<CacheMeta> readCacheMeta(const QString& folder) {
  QFile file(metaFile(folder));
  if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
  if (!document.isObject()) return std::nullopt;
  const QJsonObject json = document.object();
  CacheMeta meta;
  meta.id = json.value(QStringLiteral("id")).toString();
  meta.count = json.value(QStringLiteral("count")).toInt();
  const QJsonObject counts = json.value(QStringLiteral("label_counts")).toObject();
  for (const QJsonValue& name : json.value(QStringLiteral("labels")).toArray())
    meta.labelCounts.push_back({name.toString(), counts.value(name.toString()).toInt()});
  meta.origin = json.value(QStringLiteral("origin")).toString();
  meta.archive = json.value(QStringLiteral("archive")).toString();
  meta.fetched =
      QDateTime::fromString(json.value(QStringLiteral("fetched")).toString(), Qt::ISODate);
  meta.sha256 = json.value(QStringLiteral("sha256")).toString();
  meta.version = json.value(QStringLiteral("version")).toInt(1);
  meta.duplicatesDropped = json.value(QStringLiteral("duplicates_dropped")).toInt();
  meta.conflictsDropped = json.value(QStringLiteral("conflicts_dropped")).toInt();
  return meta;
}

void verifyChecksum(const QString& dataFile, const QString& checksumFile, const QString& id) {
  QFile file(checksumFile);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(checksumFile, 0, 0,
                     QStringLiteral("the checksum of dataset %1 is missing; fetch it again with "
                                    "`twb datasets fetch %1`")
                         .arg(id));
  const QString expected =
      QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 0).trimmed().toLower();
  const QString actual = sha256OfFile(dataFile);
  if (actual.isEmpty() || actual != expected)
    throw InputError(dataFile, 0, 0,
                     QStringLiteral("checksum mismatch: the cached copy of dataset %1 is damaged; "
                                    "fetch it again with `twb datasets fetch %1`")
                         .arg(id));
}

QString duplicatesNote(const CacheMeta& meta) {
  QString note = QStringLiteral("%1 duplicate%2 dropped")
                     .arg(meta.duplicatesDropped)
                     .arg(meta.duplicatesDropped == 1 ? QString() : QStringLiteral("s"));
  if (meta.conflictsDropped > 0)
    note += QStringLiteral(", %1 of them copies of texts labelled both ways")
                .arg(meta.conflictsDropped);
  return note;
}

}  // namespace twb

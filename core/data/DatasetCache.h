// DatasetCache: one converted catalog dataset on disk: data.jsonl, its data.sha256, meta.json.
#pragma once

#include <QDateTime>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

#include "common/Files.h"

namespace twb {

struct ConvertedSource;

// The cache format the converters write now: 1 (no "version" in meta.json) kept repeated texts;
// 2 drops them. An older cache is stale: it is converted again before use.
constexpr int kCacheVersion = 2;

// What meta.json records about a converted dataset.
struct CacheMeta {
  QString id;
  int count = 0;
  QVector<QPair<QString, int>> labelCounts;  // in the entry's label order
  QString origin;
  QString archive;  // the package file it was converted from
  QDateTime fetched;
  QString sha256;
  int version = 1;            // kCacheVersion of the converter that wrote it
  int duplicatesDropped = 0;  // repeated texts left out, conflictsDropped included
  int conflictsDropped = 0;   // copies of texts whose copies disagree on the label
};

QString cacheDataFile(const QString& folder);  // folder/data.jsonl

// Writes data.jsonl, meta.json and then data.sha256, each to a temporary file renamed into
// place. Throws RunError when the folder cannot be written.
CacheMeta writeCache(const QString& folder, const QString& id, const ConvertedSource& converted,
                     const QStringList& labels, const QString& origin, const QString& archive);
// True when data.jsonl and data.sha256 are there (not verified).
bool cacheExists(const QString& folder);
// True when meta.json is missing or was written by an older converter (kCacheVersion).
bool cacheIsStale(const QString& folder);
// Checks data.jsonl against data.sha256; throws InputError naming data.jsonl on a mismatch.
void verifyCache(const QString& folder, const QString& id);
std::optional<CacheMeta> readCacheMeta(const QString& folder);
// "45 duplicates dropped", and how many of them were copies of texts labelled both ways.
QString duplicatesNote(const CacheMeta& meta);

// Shared with the parallel-corpus cache: checks dataFile against the "<sha256>  <name>" line of
// checksumFile, throwing InputError naming dataFile (or the missing checksum file) and the
// command that fetches dataset id again. (Writing and hashing files: common/Files.h.)
void verifyChecksum(const QString& dataFile, const QString& checksumFile, const QString& id);

}  // namespace twb

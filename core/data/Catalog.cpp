#include "data/Catalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "common/InputError.h"
#include "config/Nearest.h"
#include "data/CatalogRecipes.h"
#include "data/DatasetReader.h"
#include "data/PackageFetcher.h"
#include "data/SourceConverter.h"

namespace twb {
namespace {

QString defaultDataDir() {
  const QString fromEnvironment = qEnvironmentVariable("TWB_DATA_DIR");
  if (!fromEnvironment.isEmpty()) return fromEnvironment;
  if (QCoreApplication::applicationName().isEmpty())
    QCoreApplication::setApplicationName(QStringLiteral("transfer-workbench"));
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
         QStringLiteral("/datasets");
}

const CatalogRecipe& recipeOrThrow(const QString& id) {
  const CatalogRecipe* recipe = findRecipe(id);
  if (!recipe) throw InputError(Catalog::unknownIdMessage(id));
  return *recipe;
}

void report(const FetchProgress& progress, const QString& line, double fraction) {
  if (progress) progress(line, fraction);
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

QString Catalog::unknownIdMessage(const QString& id) {
  QStringList ids;
  for (const CatalogRecipe& recipe : catalogRecipes()) ids << recipe.entry.id;
  return QStringLiteral("unknown dataset '%1'%2").arg(id, suggestionSuffix(id, ids));
}

QString Catalog::dataDir() const { return dataDir_; }

QString Catalog::cachePath(const QString& id) const { return QDir(dataDir_).filePath(id); }

bool Catalog::isFetched(const QString& id) const {
  return findRecipe(id) && cacheExists(cachePath(id)) && !cacheIsStale(cachePath(id));
}

std::optional<CacheMeta> Catalog::cacheMeta(const QString& id) const {
  if (!isFetched(id)) return std::nullopt;
  return readCacheMeta(cachePath(id));
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
           0.5 + 0.5 * static_cast<double>(i + 1) / static_cast<double>(siblings.size()));
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
  Dataset data = readDataset(ref, recipe.entry.task);
  data.name = id;
  data.source = recipe.entry.origin;
  return data;
}

}  // namespace twb

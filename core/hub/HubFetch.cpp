#include "hub/HubFetch.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <vector>

#include "common/InputError.h"
#include "hub/HubCache.h"
#include "hub/HubErrors.h"
#include "hub/HubFileFetch.h"
#include "hub/HubHttp.h"
#include "hub/HubNames.h"
#include "hub/HubRepoFiles.h"

namespace twb {
namespace {

constexpr qint64 kProgressEveryMs = 100;

void say(const HubFetchOptions& options, const QString& line) {
  if (options.log) options.log(line);
}

// GET {endpoint}/api/models/{repo}/revision/{revision}: the commit and the checkpoint's files.
HubRepoFiles listRepo(HubHttp& http, const QString& repo, const HubFetchOptions& options) {
  const HubSettings& settings = options.settings;
  QUrl url =
      hubUrl(settings.endpoint, QStringList{QStringLiteral("api"), QStringLiteral("models")} +
                                    repo.split(QLatin1Char('/')) +
                                    QStringList{QStringLiteral("revision"), options.revision});
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    const HubReply reply = http.get(url);
    if (!reply.location.isEmpty()) {  // a renamed repository
      url = reply.location;
      continue;
    }
    if (reply.status != 200) throwHubError(reply, {repo, options.revision, QString()}, settings);
    return parseRepoListing(reply.body, repo);
  }
  throw RunError(
      QStringLiteral("more than %1 redirects for %2").arg(kMaxRedirects).arg(repo).toStdString());
}

// Fetches files into snapshots/{commit}, reporting bytes over all of them.
class SnapshotFill {
 public:
  SnapshotFill(HubHttp& http, const HubCacheRepo& cache, const QString& repo, const QString& commit,
               const HubFetchOptions& options)
      : http_(http), cache_(cache), repo_(repo), commit_(commit), options_(options) {}

  void run(const QStringList& files) {
    plan(files);
    for (std::size_t i = 0; i < items_.size(); ++i) {
      Item& item = items_[i];
      if (!item.present) {
        const qint64 before = done_;
        fetchBlob(
            http_, options_.settings, cache_, item.meta,
            [&](qint64 fileDone) { report(i, fileDone, before + fileDone, false); }, options_.log);
        cache_.linkSnapshotFile(commit_, item.file, item.meta.etag);
        item.size = QFileInfo(cache_.blobPath(item.meta.etag)).size();
        done_ = before + item.size;
      }
      report(i, item.size, done_, true);
    }
  }

 private:
  struct Item {
    QString file;
    bool present = false;  // its snapshot link leads to a blob already
    HubFileMeta meta;
    qint64 size = 0;
  };

  // Asks the Hub about every file not in the snapshot yet, so the total is known up front.
  void plan(const QStringList& files) {
    for (const QString& file : files) {
      Item item;
      item.file = file;
      const QString pointer = cache_.snapshotFile(commit_, file);
      item.present = QFileInfo::exists(pointer);  // follows the link: a dangling one is refetched
      if (item.present) {
        item.size = QFileInfo(pointer).size();
        done_ += item.size;
        say(options_, QStringLiteral("%1: already in the cache").arg(file));
      } else {
        item.meta = fetchFileMeta(http_, options_.settings, repo_, commit_, file);
        item.size = qMax<qint64>(item.meta.size, 0);
      }
      total_ += item.size;
      items_.push_back(item);
    }
  }

  void report(std::size_t index, qint64 fileDone, qint64 done, bool force) {
    if (!options_.progress) return;
    if (!force && clock_.isValid() && clock_.elapsed() < kProgressEveryMs) return;
    clock_.start();
    const Item& item = items_[index];
    HubProgress progress;
    progress.file = item.file;
    progress.fileIndex = static_cast<int>(index);
    progress.fileCount = static_cast<int>(items_.size());
    progress.fileDone = fileDone;
    progress.fileTotal = item.present ? item.size : item.meta.size;
    progress.done = done;
    progress.total = qMax(total_, done);
    options_.progress(progress);
  }

  HubHttp& http_;
  const HubCacheRepo& cache_;
  QString repo_;
  QString commit_;
  const HubFetchOptions& options_;
  std::vector<Item> items_;
  qint64 done_ = 0;
  qint64 total_ = 0;
  QElapsedTimer clock_;
};

QByteArray readSnapshotFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw RunError(
        QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
  return file.readAll();
}

// The checkpoint's files in a cached snapshot, as a listing of the repository would give them.
QStringList checkpointFilesIn(const QString& dir, const QString& repo) {
  QStringList present;
  QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) present << QDir(dir).relativeFilePath(it.next());
  const HubRepoFiles chosen = chooseCheckpointFiles(present, repo);
  QStringList files = chosen.files;
  if (!chosen.shardIndex.isEmpty())
    files += shardFiles(readSnapshotFile(QDir(dir).filePath(chosen.shardIndex)), chosen.shardIndex);
  return files;
}

HubFetchResult fromCache(const QString& repo, const HubFetchOptions& options) {
  const HubSettings& settings = options.settings;
  const QString dir = cachedSnapshot(repo, options.revision, settings);
  if (dir.isEmpty())
    throw InputError(QStringLiteral("HF_HUB_OFFLINE is set and the cache %1 holds no complete "
                                    "checkpoint of %2 at revision %3: fetch it once with the "
                                    "network on")
                         .arg(settings.cacheDir, repo, options.revision));
  say(options, QStringLiteral("offline: using %1").arg(dir));
  return {dir, QFileInfo(dir).fileName(), checkpointFilesIn(dir, repo)};
}

}  // namespace

HubFetchResult fetchHubModel(const QString& repo, const HubFetchOptions& options) {
  checkRepoId(repo);
  checkRevision(options.revision);
  if (options.settings.offline) return fromCache(repo, options);

  HubHttp http(options.settings, options.cancelled);
  const HubRepoFiles chosen = listRepo(http, repo, options);
  const HubCacheRepo cache(options.settings.cacheDir, repo);
  if (options.revision != chosen.commit) cache.writeRef(options.revision, chosen.commit);
  say(options, QStringLiteral("%1 at %2 is commit %3").arg(repo, options.revision, chosen.commit));

  QStringList rest = chosen.files;
  QStringList files = chosen.files;
  if (!chosen.shardIndex.isEmpty()) {
    // The index names the shards: it comes first, then the shards with everything else.
    SnapshotFill(http, cache, repo, chosen.commit, options).run({chosen.shardIndex});
    rest.removeAll(chosen.shardIndex);
    const QStringList shards = shardFiles(
        readSnapshotFile(cache.snapshotFile(chosen.commit, chosen.shardIndex)), chosen.shardIndex);
    rest += shards;
    files += shards;
  }
  SnapshotFill(http, cache, repo, chosen.commit, options).run(rest);
  return {cache.snapshotDir(chosen.commit), chosen.commit, files};
}

QString cachedSnapshot(const QString& repo, const QString& revision, const HubSettings& settings) {
  checkRepoId(repo);
  checkRevision(revision);
  const HubCacheRepo cache(settings.cacheDir, repo);
  const QString commit = cache.commitFor(revision);
  if (commit.isEmpty()) return QString();
  const QString dir = cache.snapshotDir(commit);
  return isCheckpointFolder(dir) ? dir : QString();
}

}  // namespace twb

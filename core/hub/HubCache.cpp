#include "hub/HubCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <filesystem>

#include "common/Files.h"
#include "common/InputError.h"
#include "hub/HubNames.h"

namespace twb {

HubCacheRepo::HubCacheRepo(const QString& cacheDir, const QString& repo)
    : root_(QDir(cacheDir).filePath(repoFolderName(repo))) {}

QString HubCacheRepo::blobPath(const QString& etag) const {
  return root_ + QStringLiteral("/blobs/") + etag;
}

QString HubCacheRepo::incompletePath(const QString& etag) const {
  return blobPath(etag) + QStringLiteral(".incomplete");
}

QString HubCacheRepo::lockPath(const QString& etag) const {
  // Beside the blobs rather than in huggingface_hub's .locks folder: its lock files follow
  // another protocol, and sharing their names would let one tool break the other's lock.
  return blobPath(etag) + QStringLiteral(".twb-lock");
}

QString HubCacheRepo::snapshotDir(const QString& commit) const {
  return root_ + QStringLiteral("/snapshots/") + commit;
}

QString HubCacheRepo::snapshotFile(const QString& commit, const QString& file) const {
  return snapshotDir(commit) + QLatin1Char('/') + file;
}

QString HubCacheRepo::commitFor(const QString& revision) const {
  QFile ref(root_ + QStringLiteral("/refs/") + revision);
  if (ref.open(QIODevice::ReadOnly)) {
    QString commit = QString::fromLatin1(ref.read(128)).trimmed();
    if (isCommitHash(commit)) return commit;
  }
  return isCommitHash(revision) ? revision : QString();
}

void HubCacheRepo::writeRef(const QString& revision, const QString& commit) const {
  const QString path = root_ + QStringLiteral("/refs/") + revision;
  QDir().mkpath(QFileInfo(path).absolutePath());
  writeFileAtomically(path, commit.toLatin1());  // no newline: huggingface_hub writes the hash
}

void HubCacheRepo::linkSnapshotFile(const QString& commit, const QString& file,
                                    const QString& etag) const {
  const QString link = snapshotFile(commit, file);
  const QString dir = QFileInfo(link).absolutePath();
  if (!QDir().mkpath(dir))
    throw RunError(QStringLiteral("cannot create %1").arg(dir).toStdString());
  // A link left by an interrupted fetch or pointing at a blob that was deleted is replaced.
  if (QFileInfo(link).isSymLink() || QFileInfo::exists(link)) QFile::remove(link);
  std::error_code error;
  std::filesystem::create_symlink(relativeBlobTarget(file, etag).toStdString(), link.toStdString(),
                                  error);
  if (!error) return;
  // Where links are not allowed (some Windows set-ups, some mounted file systems) the Hugging
  // Face tools copy the blob instead; so do we.
  if (!QFile::copy(blobPath(etag), link))
    throw RunError(
        QStringLiteral("cannot link or copy %1 to %2").arg(blobPath(etag), link).toStdString());
}

QString relativeBlobTarget(const QString& file, const QString& etag) {
  const int depth = 2 + static_cast<int>(file.count(QLatin1Char('/')));
  return QStringLiteral("../").repeated(depth) + QStringLiteral("blobs/") + etag;
}

}  // namespace twb

#include "hub/HubFileFetch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QThread>

#include "common/Files.h"
#include "common/InputError.h"
#include "hub/HubErrors.h"
#include "hub/HubNames.h"

namespace twb {
namespace {

constexpr int kRetries = 3;  // resumptions of a broken transfer within one call

bool isSha256(const QString& etag) {
  static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
  return hex.match(etag).hasMatch();
}

// An etag becomes a file name in blobs/: it must not be able to leave that folder.
bool isSafeEtag(const QString& etag) {
  static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$"));
  return safe.match(etag).hasMatch();
}

qint64 sizeHeader(const QByteArray& value) {
  bool ok = false;
  const qint64 size = value.trimmed().toLongLong(&ok);
  return ok && size >= 0 ? size : -1;
}

QString sha256Of(const QString& path) {
  const QString hash = sha256OfFile(path);
  if (hash.isEmpty()) throw RunError(QStringLiteral("cannot read %1").arg(path).toStdString());
  return hash;
}

// Deletes a finished download whose size or content is not what the Hub announced.
void verifyDownload(const QString& path, const HubFileMeta& meta) {
  const qint64 size = QFileInfo(path).size();
  if (meta.size >= 0 && size != meta.size) {
    QFile::remove(path);
    throw RunError(QStringLiteral("%1 of %2: %3 bytes arrived where the Hub announced %4; the "
                                  "download was deleted, fetch again")
                       .arg(meta.file, meta.repo)
                       .arg(size)
                       .arg(meta.size)
                       .toStdString());
  }
  if (!isSha256(meta.etag)) return;  // a git object id: not a hash of the content alone
  const QString actual = sha256Of(path);
  if (actual != meta.etag) {
    QFile::remove(path);
    throw RunError(QStringLiteral("%1 of %2 is damaged: its sha256 is %3, the Hub announced %4; "
                                  "the download was deleted, fetch again")
                       .arg(meta.file, meta.repo, actual, meta.etag)
                       .toStdString());
  }
}

// Waits for another process (a second twb, the GUI) that fetches the same blob.
void lockBlob(QLockFile& lock, const HubHttp& http, const HubFileMeta& meta,
              const std::function<void(const QString&)>& log) {
  lock.setStaleLockTime(0);  // a long download is not stale; a dead owner is detected by pid
  bool told = false;
  while (!lock.tryLock(100)) {
    if (lock.error() != QLockFile::LockFailedError)
      throw RunError(
          QStringLiteral("cannot create the lock file %1").arg(lock.fileName()).toStdString());
    if (!told && log)
      log(QStringLiteral("%1: waiting for another process fetching it").arg(meta.file));
    told = true;
    http.checkCancelled();
  }
}

}  // namespace

QString normalizeEtag(const QByteArray& etag) {
  QByteArray value = etag.trimmed();
  if (value.startsWith("W/")) value = value.mid(2);
  if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
    value = value.mid(1, value.size() - 2);
  return QString::fromLatin1(value);
}

HubFileMeta fetchFileMeta(HubHttp& http, const HubSettings& settings, const QString& repo,
                          const QString& commit, const QString& file) {
  const HubRequestSubject subject{repo, commit, file};
  QUrl url = hubUrl(settings.endpoint, repo.split(QLatin1Char('/')) +
                                           QStringList{QStringLiteral("resolve"), commit} +
                                           file.split(QLatin1Char('/')));
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    const HubReply reply = http.head(url);
    const bool redirect = reply.status >= 300 && reply.status < 400;
    // Large (LFS) files: the Hub's answer is a redirect to a CDN carrying X-Linked-Etag (the
    // sha256) and X-Linked-Size. Other files: a 200 with ETag and Content-Length. A redirect
    // without an etag (a renamed repository) is followed.
    QByteArray etag = reply.header("X-Linked-Etag");
    if (etag.isEmpty()) etag = reply.header("ETag");
    if (redirect && !reply.location.isEmpty() && etag.isEmpty()) {
      url = reply.location;
      continue;
    }
    if (reply.status < 200 || reply.status >= 400) throwHubError(reply, subject, settings);
    const QByteArray answeredCommit = reply.header("X-Repo-Commit");
    if (!answeredCommit.isEmpty() && QString::fromLatin1(answeredCommit) != commit)
      throw RunError(QStringLiteral("the Hub answered commit %1 for %2 of %3 at commit %4")
                         .arg(QString::fromLatin1(answeredCommit), file, repo, commit)
                         .toStdString());
    HubFileMeta meta{repo, commit, file, normalizeEtag(etag), -1, redirect ? reply.location : url};
    if (!isSafeEtag(meta.etag))
      throw RunError(QStringLiteral("the Hub gave %1 of %2 no usable ETag ('%3')")
                         .arg(file, repo, QString::fromLatin1(etag))
                         .toStdString());
    meta.size = sizeHeader(reply.header("X-Linked-Size"));
    // A redirect's own Content-Length is that of its short body, not of the file.
    if (meta.size < 0 && !redirect) meta.size = sizeHeader(reply.header("Content-Length"));
    return meta;
  }
  throw RunError(QStringLiteral("more than %1 redirects for %2 of %3")
                     .arg(kMaxRedirects)
                     .arg(file, repo)
                     .toStdString());
}

void fetchBlob(HubHttp& http, const HubSettings& settings, const HubCacheRepo& cache,
               const HubFileMeta& meta, const std::function<void(qint64)>& progress,
               const std::function<void(const QString&)>& log) {
  const QString blob = cache.blobPath(meta.etag);
  if (QFileInfo::exists(blob)) return;
  const QString blobs = QFileInfo(blob).absolutePath();
  if (!QDir().mkpath(blobs))
    throw RunError(QStringLiteral("cannot create %1").arg(blobs).toStdString());
  QLockFile lock(cache.lockPath(meta.etag));
  lockBlob(lock, http, meta, log);
  if (QFileInfo::exists(blob)) return;  // the other process brought it

  QFile part(cache.incompletePath(meta.etag));
  if (!part.open(QIODevice::ReadWrite))
    throw RunError(QStringLiteral("cannot write %1: %2")
                       .arg(part.fileName(), part.errorString())
                       .toStdString());
  if (meta.size >= 0 && part.size() > meta.size) part.resize(0);  // not a prefix of this file
  for (int attempt = 0; meta.size < 0 || part.size() < meta.size; ++attempt) {
    const qint64 offset = part.size();
    if (offset > 0 && log)
      log(QStringLiteral("%1: resuming at byte %2").arg(meta.file).arg(offset));
    if (progress) progress(offset);
    try {
      const HubReply reply = http.download(meta.downloadUrl, offset, part, progress);
      if (reply.status != 200 && reply.status != 206)
        throwHubError(reply, {meta.repo, meta.commit, meta.file}, settings);
      break;
    } catch (const HubTransferBroken& broken) {
      if (attempt == kRetries)
        throw RunError(QStringLiteral("%1 (after %2 attempts; the %3 bytes that came are kept, "
                                      "and the next fetch resumes from there)")
                           .arg(QString::fromStdString(broken.what()))
                           .arg(kRetries + 1)
                           .arg(part.size())
                           .toStdString());
      if (log) log(QString::fromStdString(broken.what()));
      QThread::msleep(200UL * static_cast<unsigned long>(attempt + 1));
    }
  }
  part.close();
  verifyDownload(part.fileName(), meta);
  if (!QFile::rename(part.fileName(), blob)) {
    if (!QFileInfo::exists(blob))
      throw RunError(
          QStringLiteral("cannot move %1 to %2").arg(part.fileName(), blob).toStdString());
    QFile::remove(part.fileName());
  }
}

}  // namespace twb

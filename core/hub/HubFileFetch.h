// HubFileFetch: one file of a Hub repository: what the Hub says about it (etag, size, where its
// bytes are) and its blob in the cache, resumed from a partial download and checked.
#pragma once

#include <QString>
#include <QUrl>
#include <functional>

#include "hub/HubCache.h"
#include "hub/HubHttp.h"

namespace twb {

struct HubFileMeta {
  QString repo;
  QString commit;
  QString file;      // relative to the repository
  QString etag;      // without quotes and W/; the sha256 of LFS files
  qint64 size = -1;  // -1 when the Hub did not say
  QUrl downloadUrl;  // the Hub's URL, or the CDN it redirects large files to
};

// "W/\"abc\"" -> "abc".
QString normalizeEtag(const QByteArray& etag);

// Asks the Hub (HEAD {endpoint}/{repo}/resolve/{commit}/{file}) for the file's etag, size and
// location. Throws as throwHubError does, and RunError when the answer has no usable etag.
HubFileMeta fetchFileMeta(HubHttp& http, const HubSettings& settings, const QString& repo,
                          const QString& commit, const QString& file);

// Brings blobs/{etag} into the cache unless it is there: downloads to blobs/{etag}.incomplete,
// resuming what an earlier call left, retrying a broken connection a few times; then checks the
// size and, for a sha256 etag, the content, deleting the download when they are wrong.
// progress gets the bytes of the file so far.
void fetchBlob(HubHttp& http, const HubSettings& settings, const HubCacheRepo& cache,
               const HubFileMeta& meta, const std::function<void(qint64)>& progress,
               const std::function<void(const QString&)>& log);

}  // namespace twb

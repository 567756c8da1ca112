// HubCache: one model repository in the Hugging Face cache layout, as huggingface_hub writes it:
// blobs/{etag}, snapshots/{commit}/{file} (a relative link to the blob) and refs/{revision}.
#pragma once

#include <QString>

namespace twb {

class HubCacheRepo {
 public:
  HubCacheRepo(const QString& cacheDir, const QString& repo);

  QString root() const { return root_; }  // {cache}/models--org--name
  QString blobPath(const QString& etag) const;
  QString incompletePath(const QString& etag) const;  // where a blob grows until it is verified
  QString lockPath(const QString& etag) const;        // held while one process fetches a blob
  QString snapshotDir(const QString& commit) const;
  QString snapshotFile(const QString& commit, const QString& file) const;

  // The commit refs/{revision} names, the revision itself when it is a commit hash, or empty.
  QString commitFor(const QString& revision) const;
  // Writes refs/{revision}; throws RunError when the file cannot be written.
  void writeRef(const QString& revision, const QString& commit) const;
  // Points snapshots/{commit}/{file} at blobs/{etag} (a copy where links are not possible);
  // throws RunError when neither works.
  void linkSnapshotFile(const QString& commit, const QString& file, const QString& etag) const;

 private:
  QString root_;
};

// The link target from snapshots/{commit}/{file} to the blob: "../../blobs/{etag}", with one more
// "../" per folder in file.
QString relativeBlobTarget(const QString& file, const QString& etag);

}  // namespace twb

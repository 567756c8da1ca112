// FakeHub: model repositories served the way the Hugging Face Hub serves them (listing API,
// resolve URLs, LFS files redirected to a CDN path), on a LoopbackHttpServer.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QSet>
#include <QString>

#include "support/LoopbackHttpServer.h"

namespace twb::test {

struct FakeRepo {
  QString id;                       // "org/name"
  QByteArray commit;                // 40 hex digits
  QMap<QString, QByteArray> files;  // name -> content
  QSet<QString> lfs;                // names stored with LFS: sha256 etag, 302 to /cdn/{sha256}
  QByteArray token;                 // when set, the repository is gated behind this token
  QSet<QString> damaged;            // LFS files whose CDN bytes differ from their sha256
  QByteArray cdnBase;  // prefix of the LFS redirects, e.g. "http://localhost:PORT"; empty: relative
};

// The sha256 of content in hex: the etag of an LFS file.
QByteArray sha256Hex(const QByteArray& content);

// Serves repo on server at revisions "main" and its commit.
void serveRepo(LoopbackHttpServer& server, const FakeRepo& repo);

// The CDN path an LFS file of that content is served from.
QByteArray cdnPath(const QByteArray& content);

}  // namespace twb::test

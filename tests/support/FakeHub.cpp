#include "support/FakeHub.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twb::test {
namespace {

// The git object id of a file: what the Hub gives as ETag of a file kept in git itself.
QByteArray gitBlobId(const QByteArray& content) {
  const QByteArray object = "blob " + QByteArray::number(content.size()) + '\0' + content;
  return QCryptographicHash::hash(object, QCryptographicHash::Sha1).toHex();
}

QByteArray quoted(const QByteArray& text) { return '"' + text + '"'; }

}  // namespace

QByteArray sha256Hex(const QByteArray& content) {
  return QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
}

QByteArray cdnPath(const QByteArray& content) { return "/cdn/" + sha256Hex(content); }

void serveRepo(LoopbackHttpServer& server, const FakeRepo& repo) {
  const QByteArray auth = repo.token.isEmpty() ? QByteArray() : "Bearer " + repo.token;
  QJsonArray siblings;
  for (const QString& name : repo.files.keys())
    siblings.append(QJsonObject{{QStringLiteral("rfilename"), name}});
  // Like the Hub's for a popular model: thousands of Spaces that use it, a listing of 100+ KiB.
  QJsonArray spaces;
  for (int i = 0; i < 4000; ++i) spaces.append(QStringLiteral("someone/space-%1").arg(i));
  const QJsonObject listing{{QStringLiteral("id"), repo.id},
                            {QStringLiteral("sha"), QString::fromLatin1(repo.commit)},
                            {QStringLiteral("spaces"), spaces},
                            {QStringLiteral("siblings"), siblings}};
  const HttpAnswer api{200,
                       {{"Content-Type", "application/json"}},
                       QJsonDocument(listing).toJson(QJsonDocument::Compact),
                       auth};
  const QByteArray id = repo.id.toUtf8();
  server.answer("/api/models/" + id + "/revision/main", api);
  server.answer("/api/models/" + id + "/revision/" + repo.commit, api);

  for (auto it = repo.files.begin(); it != repo.files.end(); ++it) {
    const QByteArray& content = it.value();
    const QByteArray resolve = "/" + id + "/resolve/" + repo.commit + "/" + it.key().toUtf8();
    if (!repo.lfs.contains(it.key())) {
      server.answer(resolve, HttpAnswer{200,
                                        {{"ETag", quoted(gitBlobId(content))},
                                         {"X-Repo-Commit", repo.commit}},
                                        content,
                                        auth});
      continue;
    }
    // As the Hub does: a redirect to the CDN carrying the LFS metadata.
    const QByteArray pointer =
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256Hex(content) + "\nsize " +
        QByteArray::number(content.size()) + "\n";
    server.answer(resolve,
                  HttpAnswer{302,
                             {{"Location", repo.cdnBase + cdnPath(content) + "?signature=x"},
                              {"ETag", quoted(gitBlobId(pointer))},
                              {"X-Linked-Etag", quoted(sha256Hex(content))},
                              {"X-Linked-Size", QByteArray::number(content.size())},
                              {"X-Repo-Commit", repo.commit}},
                             QByteArray(),
                             auth});
    QByteArray served = content;
    if (repo.damaged.contains(it.key())) served[served.size() / 2] = ~served[served.size() / 2];
    server.answer(cdnPath(content), HttpAnswer{200, {{"ETag", quoted("cdn")}}, served, {}});
  }
}

}  // namespace twb::test

#include "support/HubFixture.h"

#include <QDir>
#include <QFile>

#include "hub/HubNames.h"

namespace twb::test {

const QByteArray kFakeCommit = "0123456789abcdef0123456789abcdef01234567";
const QString kWeightsFile = QStringLiteral("model.safetensors");

QByteArray pseudoRandomBytes(int size, quint32 seed) {
  QByteArray bytes(size, '\0');
  for (int i = 0; i < size; ++i) {
    seed = seed * 1664525u + 1013904223u;
    bytes[i] = static_cast<char>(seed >> 24);
  }
  return bytes;
}

FakeRepo tinyBertRepo(const QString& id) {
  FakeRepo repo;
  repo.id = id;
  repo.commit = kFakeCommit;
  repo.files[QStringLiteral("config.json")] = R"({"model_type": "bert", "hidden_size": 8})";
  repo.files[kWeightsFile] = pseudoRandomBytes(6000, 7);
  repo.files[QStringLiteral("vocab.txt")] = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n";
  repo.files[QStringLiteral("README.md")] = "# not part of a checkpoint\n";
  repo.lfs = {kWeightsFile};
  return repo;
}

HubFetchOptions hubOptions(const LoopbackHttpServer& server, const QTemporaryDir& home) {
  HubFetchOptions options;
  options.settings = HubSettings();  // not the environment of whoever runs the tests
  options.settings.endpoint = server.url();
  options.settings.cacheDir = home.filePath(QStringLiteral("hub"));
  options.settings.tokenFile = home.filePath(QStringLiteral("token"));
  return options;
}

QString repoFolder(const QTemporaryDir& home, const QString& id) {
  return home.filePath(QStringLiteral("hub/") + repoFolderName(id));
}

QByteArray readBytes(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QList<HttpRequest> requestsTo(const LoopbackHttpServer& server, const QByteArray& prefix) {
  QList<HttpRequest> found;
  for (const HttpRequest& request : server.requests())
    if (request.path.startsWith(prefix)) found << request;
  return found;
}

QStringList blobLeftovers(const QString& repoRoot) {
  return QDir(repoRoot + QStringLiteral("/blobs"))
      .entryList({QStringLiteral("*.incomplete"), QStringLiteral("*lock")}, QDir::Files);
}

}  // namespace twb::test

// HubFixture: what the Hub suites share: a tiny BERT repository to serve, fetch options aimed at
// a loopback server and a temporary cache, and small readers of what a fetch left behind.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <functional>

#include "hub/HubFetch.h"
#include "support/FakeHub.h"
#include "support/LoopbackHttpServer.h"

namespace twb::test {

extern const QByteArray kFakeCommit;  // the commit every fake repository is at
extern const QString kWeightsFile;    // "model.safetensors"

// Bytes that do not compress or repeat, the same for the same seed.
QByteArray pseudoRandomBytes(int size, quint32 seed);

// config.json, a 6000-byte model.safetensors kept in LFS, vocab.txt and a README.md that is not
// part of a checkpoint.
FakeRepo tinyBertRepo(const QString& id = QStringLiteral("org/tiny-bert"));

// Options with no token, online, the cache in home/hub and the server as endpoint.
HubFetchOptions hubOptions(const LoopbackHttpServer& server, const QTemporaryDir& home);

// home/hub/models--org--name.
QString repoFolder(const QTemporaryDir& home, const QString& id = QStringLiteral("org/tiny-bert"));

QByteArray readBytes(const QString& path);  // "<missing>" when it cannot be read

// The requests whose path starts with prefix, in order.
QList<HttpRequest> requestsTo(const LoopbackHttpServer& server, const QByteArray& prefix);

// Partial downloads and lock files left in repoRoot/blobs.
QStringList blobLeftovers(const QString& repoRoot);

// The message of the Error that action throws; empty when it throws none.
template <typename Error>
QString errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return QString::fromStdString(error.what());
  }
  return QString();
}

}  // namespace twb::test

// Tests of fetchHubModel against a loopback stand-in for the Hugging Face Hub: the cache layout
// huggingface_hub writes (relative links, refs/main, byte-identical files), nothing fetched
// twice, HF_ENDPOINT and HF_HOME from the environment, offline mode, sharded weights, and a call
// from a thread without an event loop.
#include <QThread>
#include <QtTest>
#include <filesystem>

#include "common/InputError.h"
#include "hub/HubFetch.h"
#include "support/HubFixture.h"

using twb::test::blobLeftovers;
using twb::test::errorOf;
using twb::test::FakeRepo;
using twb::test::hubOptions;
using twb::test::kFakeCommit;
using twb::test::kWeightsFile;
using twb::test::LoopbackHttpServer;
using twb::test::pseudoRandomBytes;
using twb::test::readBytes;
using twb::test::repoFolder;
using twb::test::requestsTo;
using twb::test::tinyBertRepo;

class TestHubFetch : public QObject {
  Q_OBJECT

 private slots:
  void fullFetchLaysOutTheCache() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    twb::HubFetchOptions options = hubOptions(server, home);
    QList<twb::HubProgress> progress;
    options.progress = [&](const twb::HubProgress& p) { progress << p; };

    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, options);
    const QString root = repoFolder(home);
    QCOMPARE(result.commit, QString::fromLatin1(kFakeCommit));
    QCOMPARE(result.snapshotDir, root + QStringLiteral("/snapshots/") + kFakeCommit);
    QCOMPARE(result.files, QStringList({"config.json", "vocab.txt", "model.safetensors"}));
    QCOMPARE(readBytes(root + QStringLiteral("/refs/main")), kFakeCommit);
    for (const QString& file : result.files) {
      const QString path = result.snapshotDir + QLatin1Char('/') + file;
      QVERIFY2(QFileInfo(path).isSymLink(), qPrintable(path));
      const QString target =
          QString::fromStdString(std::filesystem::read_symlink(path.toStdString()));
      QVERIFY2(target.startsWith(QLatin1String("../../blobs/")), qPrintable(target));
      QCOMPARE(readBytes(path), repo.files[file]);
    }
    const QString weightsTarget = QString::fromStdString(
        std::filesystem::read_symlink((result.snapshotDir + "/" + kWeightsFile).toStdString()));
    QCOMPARE(weightsTarget, "../../blobs/" + twb::test::sha256Hex(repo.files[kWeightsFile]));
    QVERIFY(blobLeftovers(root).isEmpty());
    // The token-free LFS file came from the CDN path the Hub redirected to.
    QCOMPARE(requestsTo(server, twb::test::cdnPath(repo.files[kWeightsFile])).size(), 1);
    QVERIFY(!progress.isEmpty());
    const qint64 total = repo.files["config.json"].size() + repo.files[kWeightsFile].size() +
                         repo.files["vocab.txt"].size();
    QCOMPARE(progress.last().done, total);
    QCOMPARE(progress.last().total, total);
    QCOMPARE(progress.last().fileCount, 3);
  }

  void secondFetchDownloadsNothing() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const twb::HubFetchResult first = twb::fetchHubModel(repo.id, hubOptions(server, home));
    server.clearRequests();
    const twb::HubFetchResult second = twb::fetchHubModel(repo.id, hubOptions(server, home));
    QCOMPARE(second.snapshotDir, first.snapshotDir);
    QCOMPARE(second.files, first.files);
    QCOMPARE(server.requests().size(), 1);  // the listing only
    QVERIFY(server.requests().front().path.startsWith("/api/models/org/tiny-bert/revision/main"));
  }

  void endpointAndCacheComeFromTheEnvironment() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const QStringList names = {
        "HF_ENDPOINT",    "HF_HOME",  "HF_HUB_CACHE",           "HUGGINGFACE_HUB_CACHE",
        "HF_HUB_OFFLINE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH"};
    QHash<QString, QByteArray> saved;
    for (const QString& name : names) {
      if (qEnvironmentVariableIsSet(name.toLatin1())) saved[name] = qgetenv(name.toLatin1());
      qunsetenv(name.toLatin1());
    }
    qputenv("HF_ENDPOINT", server.url().toLatin1());
    qputenv("HF_HOME", home.path().toLocal8Bit());
    const twb::HubFetchOptions options;  // settings from the environment
    for (const QString& name : names) {
      qunsetenv(name.toLatin1());
      if (saved.contains(name)) qputenv(name.toLatin1(), saved[name]);
    }
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, options);
    QCOMPARE(result.snapshotDir, repoFolder(home) + "/snapshots/" + kFakeCommit);
    QVERIFY(!requestsTo(server, "/api/models/org/tiny-bert").isEmpty());
  }

  void offlineModeUsesTheCacheOnly() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    twb::HubFetchOptions offline = hubOptions(server, home);
    offline.settings.offline = true;
    QVERIFY(twb::cachedSnapshot(repo.id, "main", offline.settings).isEmpty());
    const QString notCached =
        errorOf<twb::InputError>([&] { twb::fetchHubModel(repo.id, offline); });
    QVERIFY2(notCached.contains(QLatin1String("HF_HUB_OFFLINE")), qPrintable(notCached));

    const twb::HubFetchResult online = twb::fetchHubModel(repo.id, hubOptions(server, home));
    server.clearRequests();
    const twb::HubFetchResult cached = twb::fetchHubModel(repo.id, offline);
    QCOMPARE(cached.snapshotDir, online.snapshotDir);
    QCOMPARE(cached.commit, online.commit);
    QCOMPARE(cached.files, online.files);
    QVERIFY(server.requests().isEmpty());
    QCOMPARE(twb::cachedSnapshot(repo.id, "main", offline.settings), online.snapshotDir);
    QCOMPARE(twb::cachedSnapshot(repo.id, kFakeCommit, offline.settings), online.snapshotDir);
  }

  void shardedWeightsComeWithTheirIndex() {
    LoopbackHttpServer server;
    FakeRepo repo = tinyBertRepo(QStringLiteral("org/sharded"));
    repo.files.remove(kWeightsFile);
    repo.files["model.safetensors.index.json"] =
        R"({"metadata": {}, "weight_map": {"a": "model-00001-of-00002.safetensors",
            "b": "model-00002-of-00002.safetensors"}})";
    repo.files["model-00001-of-00002.safetensors"] = pseudoRandomBytes(3000, 1);
    repo.files["model-00002-of-00002.safetensors"] = pseudoRandomBytes(2000, 2);
    repo.lfs = {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"};
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, hubOptions(server, home));
    QCOMPARE(result.files,
             QStringList({"config.json", "vocab.txt", "model.safetensors.index.json",
                          "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"}));
    for (const QString& file : result.files)
      QCOMPARE(readBytes(result.snapshotDir + "/" + file), repo.files[file]);
    QCOMPARE(twb::cachedSnapshot(repo.id, "main", hubOptions(server, home).settings),
             result.snapshotDir);
  }

  void fetchRunsOnAThreadWithoutAnEventLoop() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const twb::HubFetchOptions options = hubOptions(server, home);
    twb::HubFetchResult result;
    QString failure;
    std::unique_ptr<QThread> worker(QThread::create([&] {
      try {
        result = twb::fetchHubModel(repo.id, options);
      } catch (const std::exception& error) {
        failure = QString::fromStdString(error.what());
      }
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(readBytes(result.snapshotDir + "/" + kWeightsFile), repo.files[kWeightsFile]);
  }
};

QTEST_GUILESS_MAIN(TestHubFetch)
#include "test_hub_fetch.moc"

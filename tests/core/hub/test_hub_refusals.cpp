// Tests of what the Hub refuses and how it is told: a gated repository without and with its token
// (which never travels to the CDN), a missing repository or revision, an unreachable Hub, and a
// repository with pickled weights only.
#include <QtTest>

#include "common/InputError.h"
#include "hub/HubFetch.h"
#include "support/HubFixture.h"
#include "support/TestSupport.h"

using twb::test::errorOf;
using twb::test::FakeRepo;
using twb::test::hubOptions;
using twb::test::kWeightsFile;
using twb::test::LoopbackHttpServer;
using twb::test::readBytes;
using twb::test::requestsTo;
using twb::test::tinyBertRepo;

class TestHubRefusals : public QObject {
  Q_OBJECT

 private slots:
  void gatedRepoNeedsItsToken() {
    LoopbackHttpServer server;
    FakeRepo repo = tinyBertRepo(QStringLiteral("org/gated"));
    repo.token = "hf_secret";
    // Another host name for the CDN: the token must not travel there.
    repo.cdnBase = "http://localhost:" + server.url().section(QLatin1Char(':'), -1).toLatin1();
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const QString refused =
        errorOf<twb::InputError>([&] { twb::fetchHubModel(repo.id, hubOptions(server, home)); });
    QVERIFY2(refused.contains(QLatin1String("gated")) &&
                 refused.contains(QLatin1String("HF_TOKEN")) &&
                 refused.contains(QLatin1String("org/gated")),
             qPrintable(refused));

    // The token comes from HF_HOME/token, as `huggingface-cli login` leaves it.
    twb::test::writeFile(home, QStringLiteral("token"), "hf_secret\n");
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_HOME"), home.path());
    env.insert(QStringLiteral("HF_ENDPOINT"), server.url());
    twb::HubFetchOptions options;
    options.settings = twb::HubSettings::fromEnvironment(env);
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, options);
    QCOMPARE(readBytes(result.snapshotDir + "/" + kWeightsFile), repo.files[kWeightsFile]);
    QCOMPARE(requestsTo(server, "/api/").last().headers.value("authorization"),
             QByteArray("Bearer hf_secret"));
    const auto cdnGets = requestsTo(server, twb::test::cdnPath(repo.files[kWeightsFile]));
    QCOMPARE(cdnGets.size(), 1);
    QVERIFY(!cdnGets[0].headers.contains("authorization"));
  }

  void missingRepoIsNamed() {
    LoopbackHttpServer server;
    QTemporaryDir home;
    twb::HubFetchOptions options = hubOptions(server, home);
    options.revision = QStringLiteral("v2");
    const QString message = errorOf<twb::InputError>(
        [&] { twb::fetchHubModel(QStringLiteral("org/absent"), options); });
    QVERIFY2(message.contains(QLatin1String("org/absent")) &&
                 message.contains(QLatin1String("v2")) &&
                 message.contains(QLatin1String("not found")),
             qPrintable(message));
    QVERIFY(!errorOf<twb::InputError>([&] {
               twb::fetchHubModel(QStringLiteral("../x"), options);
             }).isEmpty());
  }

  void unreachableHubPointsToOfflineMode() {
    QTemporaryDir home;
    twb::HubFetchOptions options;
    options.settings = twb::HubSettings();
    options.settings.endpoint = QStringLiteral("http://127.0.0.1:1");  // nothing listens there
    options.settings.cacheDir = home.filePath(QStringLiteral("hub"));
    const QString message = errorOf<twb::RunError>(
        [&] { twb::fetchHubModel(QStringLiteral("org/tiny-bert"), options); });
    QVERIFY2(message.contains(QLatin1String("HF_HUB_OFFLINE=1")), qPrintable(message));
  }

  void pickledWeightsAreRefused() {
    LoopbackHttpServer server;
    FakeRepo repo = tinyBertRepo(QStringLiteral("org/old-bert"));
    repo.files.remove(kWeightsFile);
    repo.files[QStringLiteral("pytorch_model.bin")] = "PK\x03\x04 pickle";
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const QString message =
        errorOf<twb::InputError>([&] { twb::fetchHubModel(repo.id, hubOptions(server, home)); });
    QVERIFY2(message.contains(QLatin1String("pytorch_model.bin")) &&
                 message.contains(QLatin1String("pickle")) &&
                 message.contains(QLatin1String("safetensors")),
             qPrintable(message));
    QVERIFY(requestsTo(server, "/org/old-bert/resolve/").isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHubRefusals)
#include "test_hub_refusals.moc"

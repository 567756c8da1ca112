// Tests of interrupted and damaged Hub downloads: a broken connection resumed with a Range
// request, a cancelled download kept and resumed by the next fetch, a server that ignores ranges,
// and a download whose sha256 is wrong refused and deleted.
#include <QElapsedTimer>
#include <QtTest>

#include "common/InputError.h"
#include "common/TaskState.h"
#include "hub/HubFetch.h"
#include "support/HubFixture.h"
#include "support/TestSupport.h"

using twb::test::blobLeftovers;
using twb::test::errorOf;
using twb::test::FakeRepo;
using twb::test::hubOptions;
using twb::test::kFakeCommit;
using twb::test::kWeightsFile;
using twb::test::LoopbackHttpServer;
using twb::test::readBytes;
using twb::test::repoFolder;
using twb::test::requestsTo;
using twb::test::tinyBertRepo;

class TestHubResume : public QObject {
  Q_OBJECT

 private slots:
  void brokenDownloadResumesWithARange() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    const QByteArray cdn = twb::test::cdnPath(repo.files[kWeightsFile]);
    server.breakOnce(cdn, 1500, /*close=*/true);
    QTemporaryDir home;
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, hubOptions(server, home));
    const auto gets = requestsTo(server, cdn);
    QCOMPARE(gets.size(), 2);
    QVERIFY(!gets[0].headers.contains("range"));
    QCOMPARE(gets[1].headers.value("range"), QByteArray("bytes=1500-"));
    QCOMPARE(readBytes(result.snapshotDir + "/" + kWeightsFile), repo.files[kWeightsFile]);
  }

  void cancelledDownloadIsKeptAndResumedLater() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    const QByteArray cdn = twb::test::cdnPath(repo.files[kWeightsFile]);
    server.breakOnce(cdn, 1000, /*close=*/false);  // 1000 bytes, then silence
    QTemporaryDir home;
    twb::HubFetchOptions options = hubOptions(server, home);
    QElapsedTimer sinceStall;
    options.cancelled = [&] {  // the user gives up a while after the transfer stalled
      if (!sinceStall.isValid() && !requestsTo(server, cdn).isEmpty()) sinceStall.start();
      return sinceStall.isValid() && sinceStall.elapsed() > 2000;  // generous on a busy machine
    };
    QVERIFY_THROWS_EXCEPTION(twb::Cancelled, twb::fetchHubModel(repo.id, options));
    const QString root = repoFolder(home);
    const QString sha = QString::fromLatin1(twb::test::sha256Hex(repo.files[kWeightsFile]));
    QCOMPARE(QFileInfo(root + "/blobs/" + sha + ".incomplete").size(), 1000);
    QVERIFY(!QFileInfo::exists(root + "/blobs/" + sha));
    QVERIFY(!QFileInfo(root + "/snapshots/" + kFakeCommit + "/" + kWeightsFile).isSymLink());

    server.clearRequests();
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, hubOptions(server, home));
    const auto gets = requestsTo(server, cdn);
    QCOMPARE(gets.size(), 1);
    QCOMPARE(gets[0].headers.value("range"), QByteArray("bytes=1000-"));
    QCOMPARE(readBytes(result.snapshotDir + "/" + kWeightsFile), repo.files[kWeightsFile]);
    QVERIFY(blobLeftovers(root).isEmpty());
  }

  void serverWithoutRangesStartsOver() {
    LoopbackHttpServer server;
    const FakeRepo repo = tinyBertRepo();
    twb::test::serveRepo(server, repo);
    const QByteArray cdn = twb::test::cdnPath(repo.files[kWeightsFile]);
    server.answer(cdn, {200, {}, repo.files[kWeightsFile], {}, /*acceptsRanges=*/false});
    QTemporaryDir home;
    const QString sha = QString::fromLatin1(twb::test::sha256Hex(repo.files[kWeightsFile]));
    twb::test::writeFile(home, "hub/models--org--tiny-bert/blobs/" + sha + ".incomplete",
                         QByteArray(700, 'x'));  // a part that does not match
    const twb::HubFetchResult result = twb::fetchHubModel(repo.id, hubOptions(server, home));
    QCOMPARE(requestsTo(server, cdn).front().headers.value("range"), QByteArray("bytes=700-"));
    QCOMPARE(readBytes(result.snapshotDir + "/" + kWeightsFile), repo.files[kWeightsFile]);
  }

  void damagedDownloadIsRefusedAndDeleted() {
    LoopbackHttpServer server;
    FakeRepo repo = tinyBertRepo();
    repo.damaged = {kWeightsFile};
    twb::test::serveRepo(server, repo);
    QTemporaryDir home;
    const QString message =
        errorOf<twb::RunError>([&] { twb::fetchHubModel(repo.id, hubOptions(server, home)); });
    QByteArray damaged = repo.files[kWeightsFile];
    damaged[damaged.size() / 2] = ~damaged[damaged.size() / 2];
    const QByteArray expected = twb::test::sha256Hex(repo.files[kWeightsFile]);
    QVERIFY2(message.contains(kWeightsFile) && message.contains(QString::fromLatin1(expected)) &&
                 message.contains(QString::fromLatin1(twb::test::sha256Hex(damaged))),
             qPrintable(message));
    const QString root = repoFolder(home);
    QVERIFY(!QFileInfo::exists(root + "/blobs/" + expected));
    QVERIFY(blobLeftovers(root).isEmpty());
    QVERIFY(twb::cachedSnapshot(repo.id, "main", hubOptions(server, home).settings).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestHubResume)
#include "test_hub_resume.moc"

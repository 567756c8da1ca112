// The run store under faults and foreign files: refuses what is not its own without touching
// it, waits out a held lock or stops saying so (never dropping a write), and tells a dead
// owner's experiment from a live one.
#include <sys/stat.h>

#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "common/InputError.h"
#include "store/OwnerProcess.h"
#include "store/RunStore.h"
#include "store/StoreFile.h"
#include "support/LockHolder.h"

using twb::InputError;
using twb::MetricPoint;
using twb::RunStore;

namespace {

QByteArray fileHash(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QStringList listing(const QString& dir) {
  return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                             QDir::Name);
}

// Runs statements on a plain SQLite connection of its own (not a RunStore).
void rawExec(const QString& path, const QStringList& statements) {
  const QString name = QStringLiteral("raw-%1").arg(reinterpret_cast<quintptr>(&statements));
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    QVERIFY(db.open());
    QSqlQuery query(db);
    for (const QString& s : statements) QVERIFY2(query.exec(s), qPrintable(s));
    query.finish();
    db.close();
  }
  QSqlDatabase::removeDatabase(name);
}

quint32 headerApplicationId(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return 0;
  const QByteArray header = file.read(100);
  quint32 value = 0;
  for (int i = 68; i < 72; ++i) value = (value << 8) | static_cast<quint8>(header[i]);
  return value;
}

QVector<MetricPoint> somePoints(qint64 stageId, int count) {
  QVector<MetricPoint> points;
  for (int i = 0; i < count; ++i) points.append({stageId, i, i / 10.0, i * 0.1, "train_loss", 1.0});
  return points;
}

}  // namespace

class StoreSafetyTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void aNewStoreCarriesTheApplicationIdInItsHeader() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    {
      RunStore store(path);
      store.addExperiment("e", "x: 1");
    }
    QCOMPARE(headerApplicationId(path), static_cast<quint32>(twb::kStoreApplicationId));
    QCOMPARE(twb::inspectStoreFile(path), twb::StoreFileKind::Ours);
  }

  void anotherProgramsDatabaseIsLeftByteIdentical() {
    QTemporaryDir dir;
    const QString path = dir.filePath("theirs.sqlite");
    rawExec(path, {"CREATE TABLE runs(id INTEGER PRIMARY KEY, who TEXT)",
                   "INSERT INTO runs(who) VALUES('them')"});
    const QByteArray before = fileHash(path);
    const QStringList filesBefore = listing(dir.path());
    try {
      RunStore store(path);
      QFAIL("a foreign database was opened");
    } catch (const InputError& e) {
      QVERIFY2(e.file() == path, e.what());
      QVERIFY2(QString(e.what()).contains("another program's SQLite database"), e.what());
      QVERIFY2(QString(e.what()).contains("runs"), e.what());
    }
    QCOMPARE(fileHash(path), before);
    QCOMPARE(listing(dir.path()), filesBefore);  // no -wal, -shm or -journal beside it
  }

  void aForeignApplicationIdIsRefusedUntouched() {
    QTemporaryDir dir;
    const QString path = dir.filePath("other.db");
    rawExec(path, {"PRAGMA application_id = 42", "CREATE TABLE t(x)"});
    const QByteArray before = fileHash(path);
    QVERIFY_THROWS_EXCEPTION(InputError, RunStore{path});
    QCOMPARE(fileHash(path), before);
  }

  void aFileThatIsNotSqliteIsRefusedUntouched() {
    QTemporaryDir dir;
    const QString path = dir.filePath("notes.txt");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("dear diary,\n").repeated(20));
    file.close();
    const QByteArray before = fileHash(path);
    try {
      RunStore store(path);
      QFAIL("a text file was opened as a store");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("not a SQLite database"), e.what());
    }
    QCOMPARE(fileHash(path), before);
    QCOMPARE(listing(dir.path()), QStringList{"notes.txt"});
  }

  void pathsThatAreNotRegularFilesAreRefused() {
    try {
      RunStore store("/dev/null");
      QFAIL("/dev/null was opened as a store");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("character device"), e.what());
    }
    QVERIFY(!QFileInfo::exists("/dev/null-journal"));
    QTemporaryDir dir;
    const QString fifo = dir.filePath("pipe");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    try {
      RunStore store(fifo);  // must not block opening it
      QFAIL("a FIFO was opened as a store");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("FIFO"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(InputError, RunStore{dir.path()});
    QCOMPARE(listing(dir.path()), QStringList{"pipe"});
  }

  void aStoreFromBeforeTheMarkIsAdoptedKeepingItsRows() {
    QTemporaryDir dir;
    const QString path = dir.filePath("old.sqlite");
    qint64 experiment = 0;
    {
      RunStore store(path);
      experiment = store.addExperiment("old", "x: 1");
    }
    // What version 2 left: no mark, no store id, no owner columns.
    rawExec(path, {"PRAGMA journal_mode = DELETE", "DROP TABLE store_info",
                   "ALTER TABLE experiments DROP COLUMN owner",
                   "ALTER TABLE experiments DROP COLUMN heartbeat",
                   "ALTER TABLE experiments DROP COLUMN resolved", "PRAGMA user_version = 2",
                   "PRAGMA application_id = 0"});
    QCOMPARE(headerApplicationId(path), 0u);
    QCOMPARE(twb::inspectStoreFile(path), twb::StoreFileKind::Legacy);
    RunStore store(path);
    QCOMPARE(store.schemaVersion(), RunStore::latestSchemaVersion());
    QCOMPARE(store.experiment(experiment)->name, QStringLiteral("old"));
    QCOMPARE(store.storeId().size(), 32);
  }

  void everyStoreHasItsOwnIdAndCheckpointFolder() {
    QTemporaryDir dir;
    RunStore a(dir.filePath("a.sqlite"));
    RunStore b(dir.filePath("b.sqlite"));
    QVERIFY(!a.storeId().isEmpty());
    QVERIFY(a.storeId() != b.storeId());
    QVERIFY(a.checkpointFolder(1) != b.checkpointFolder(1));
    QCOMPARE(RunStore(dir.filePath("a.sqlite")).storeId(), a.storeId());
    // A copy of the file is another store: it must not share the original's checkpoints.
    QVERIFY(QFile::copy(dir.filePath("a.sqlite"), dir.filePath("copy.sqlite")));
    QVERIFY(RunStore(dir.filePath("copy.sqlite")).storeId() != a.storeId());
    QString moved;
    {
      RunStore c(dir.filePath("c.sqlite"));
      moved = c.storeId();
    }  // closed: a rename moves the whole store (no -wal left behind)
    QVERIFY(QFile::rename(dir.filePath("c.sqlite"), dir.filePath("renamed.sqlite")));
    QCOMPARE(RunStore(dir.filePath("renamed.sqlite")).storeId(), moved);  // a move keeps it
  }

  void aWriteWaitsForALockReleasedInTime() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    RunStore store(path);
    const qint64 e = store.addExperiment("e", "x: 1");
    const qint64 stage = store.addStage(e, 0, 1, "pretrain");
    store.setWriteWait(30000);
    {
      twb::test::LockHolder holder(path, 1500);  // longer than one attempt (1 s): retried
      store.addPoints(somePoints(stage, 100));
    }
    QCOMPARE(store.pointCount(stage), qint64{100});
  }

  void aLockHeldPastTheWaitStopsTheWriteSayingSoAndStoresNothingHalf() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    RunStore store(path);
    const qint64 e = store.addExperiment("e", "x: 1");
    const qint64 stage = store.addStage(e, 0, 1, "pretrain");
    store.setWriteWait(600);
    {
      twb::test::LockHolder holder(path, 2500);
      try {
        store.addPoints(somePoints(stage, 100));
        QFAIL("the write returned while another program held the lock");
      } catch (const twb::StoreLocked& error) {
        QVERIFY2(QString(error.what()).contains("write lock"), error.what());
        QVERIFY2(QString(error.what()).contains(path), error.what());
        QVERIFY2(QString(error.what()).contains("resume"), error.what());
      }
    }
    QCOMPARE(store.pointCount(stage), qint64{0});
    store.addPoints(somePoints(stage, 100));  // the lock released, the same write goes through
    QCOMPARE(store.pointCount(stage), qint64{100});
  }

  void aDeadOwnersExperimentReadsInterruptedAndAResumeTakesItOver() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    qint64 experiment = 0, run = 0, stage = 0;
    {
      RunStore store(path);
      experiment = store.addExperiment("e", "x: 1");
      run = store.addRun(experiment, "baseline", "t", 1);
      store.setRunStatus(run, "running");
      stage = store.addStage(experiment, run, 1, "target");
      store.setStageStatus(stage, "running");
      QCOMPARE(store.experiment(experiment)->status, QStringLiteral("running"));  // we live
    }
    // A process that has exited since: its pid and start time no longer match.
    QProcess child;
    child.start("true");
    QVERIFY(child.waitForFinished());
    const QString deadOwner = QStringList{QSysInfo::machineHostName(),
                                          QString::number(child.processId() + 4000000), "boot", "1"}
                                  .join('\t');
    rawExec(path, {QStringLiteral("UPDATE experiments SET owner = '%1'").arg(deadOwner)});
    RunStore store(path);
    QCOMPARE(store.experiment(experiment)->status, QStringLiteral("interrupted"));
    QCOMPARE(store.run(run)->status, QStringLiteral("interrupted"));
    QCOMPARE(store.stages(experiment).front().status, QStringLiteral("interrupted"));
    store.resumeExperiment(experiment);
    QCOMPARE(store.experiment(experiment)->status, QStringLiteral("running"));
    QCOMPARE(store.experiment(experiment)->owner, twb::currentOwner());
    // The dead stage and run are stored as interrupted now, not only read so.
    QCOMPARE(store.stages(experiment).front().status, QStringLiteral("interrupted"));
    QCOMPARE(store.run(run)->status, QStringLiteral("interrupted"));
  }

  void anExperimentALiveProcessRunsIsNotTakenOver() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    QProcess sleeper;
    sleeper.start("sleep", {"30"});
    QVERIFY(sleeper.waitForStarted());
    const QString liveOwner = twb::ownerOf(sleeper.processId());
    QVERIFY(!liveOwner.isEmpty());
    RunStore store(path);
    const qint64 experiment = store.addExperiment("e", "x: 1");
    rawExec(path, {QStringLiteral("UPDATE experiments SET owner = '%1'").arg(liveOwner)});
    QCOMPARE(store.experiment(experiment)->status, QStringLiteral("running"));
    try {
      store.resumeExperiment(experiment);
      QFAIL("a live process's experiment was taken over");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("still running"), e.what());
    }
    sleeper.kill();
    sleeper.waitForFinished();
    QCOMPARE(store.experiment(experiment)->status, QStringLiteral("interrupted"));
  }
};

QTEST_GUILESS_MAIN(StoreSafetyTest)
#include "test_store_safety.moc"

// Tests of the RunStore: schema, round trips, two connections, crashes, refusals, speed.
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>
#include <limits>

#include "common/InputError.h"
#include "store/RunStore.h"
#include "store/StoreFile.h"

using twb::MetricPoint;
using twb::RunStore;

namespace {

constexpr int kCrashCalls = 20;
constexpr int kCrashPointsPerCall = 500;

QVector<MetricPoint> makePoints(qint64 stageId, const QString& name, int count,
                                qint64 firstStep = 0) {
  QVector<MetricPoint> points;
  points.reserve(count);
  for (int i = 0; i < count; ++i) {
    const qint64 step = firstStep + i;
    points.append({stageId, step, step / 100.0, step * 0.01, name, 1.0 / (1 + step)});
  }
  return points;
}

// Runs f on a connection of its own, outside any RunStore, and removes the connection after.
template <typename F>
void withRawConnection(const QString& path, F f) {
  const QString name = QStringLiteral("raw-test-connection");
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    QVERIFY(db.open());
    f(db);
    db.close();
  }
  QSqlDatabase::removeDatabase(name);
}

QVariant rawScalar(QSqlDatabase& db, const QString& statement) {
  QSqlQuery query(db);
  if (!query.exec(statement) || !query.next()) return QVariant();
  return query.value(0);
}

// The child process of crashedWriterKeepsEveryPoint: writes, then dies without cleaning up.
int crashingWriter(const QString& path) {
  RunStore store(path);
  const qint64 experiment = store.addExperiment(QStringLiteral("crash"), QStringLiteral("a: 1"));
  const qint64 run = store.addRun(experiment, QStringLiteral("transfer"), QStringLiteral("de"), 7);
  store.setRunStatus(run, QStringLiteral("running"));
  const qint64 stage = store.addStage(experiment, run, 7, QStringLiteral("target"));
  store.setStageStatus(stage, QStringLiteral("running"));
  for (int call = 0; call < kCrashCalls; ++call)
    store.addPoints(makePoints(stage, QStringLiteral("train_loss"), kCrashPointsPerCall,
                               qint64(call) * kCrashPointsPerCall));
  std::raise(SIGKILL);  // no destructor, no close, no checkpoint of the WAL
  return 0;
}

}  // namespace

class RunStoreTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void newFileHasTheLatestSchemaInWal() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/runs.sqlite"));
    {
      RunStore store(path);
      QCOMPARE(store.schemaVersion(), 4);
      QCOMPARE(RunStore::latestSchemaVersion(), 4);
      QCOMPARE(store.path(), path);
    }
    QVERIFY(QFileInfo::exists(path));
    withRawConnection(path, [](QSqlDatabase& db) {
      QCOMPARE(rawScalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 4);
      QCOMPARE(rawScalar(db, QStringLiteral("PRAGMA journal_mode")).toString(),
               QStringLiteral("wal"));
      QSqlQuery query(db);
      QVERIFY(query.exec(QStringLiteral(
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")));
      QStringList names;
      while (query.next()) names << query.value(0).toString();
      for (const char* expected : {"experiments", "runs", "stages", "points", "results",
                                   "points_by_series", "predictions", "store_info"})
        QVERIFY2(names.contains(QLatin1String(expected)), expected);
      QVERIFY(query.exec(QStringLiteral("PRAGMA index_info(points_by_series)")));
      QStringList columns;
      while (query.next()) columns << query.value(2).toString();
      QCOMPARE(columns, QStringList({"stage_id", "name", "step"}));
    });
  }

  void reopeningKeepsDataAndVersion() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    qint64 id = 0;
    {
      RunStore store(path);
      id = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    }
    RunStore again(path);
    QCOMPARE(again.schemaVersion(), 4);
    QCOMPARE(again.experiments().size(), 1);
    QCOMPARE(again.experiments().first().id, id);
  }

  void recordsRoundTrip() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const QString yaml = QStringLiteral("name: xnli\ntargets: [de, fr]\n");
    const qint64 e = store.addExperiment(QStringLiteral("xnli transfer"), yaml);
    const qint64 baseline = store.addRun(e, QStringLiteral("baseline"), QStringLiteral("de"), 1);
    const qint64 transfer = store.addRun(e, QStringLiteral("transfer"), QStringLiteral("de"), 1);
    const qint64 pretrain = store.addStage(e, 0, 1, QStringLiteral("pretrain"));
    const qint64 intermediate = store.addStage(e, 0, 1, QStringLiteral("intermediate"));
    const qint64 target = store.addStage(e, transfer, 1, QStringLiteral("target"));
    const qint64 otherSeed = store.addStage(e, 0, 2, QStringLiteral("pretrain"));

    const auto experiment = store.experiment(e);
    QVERIFY(experiment);
    QCOMPARE(experiment->name, QStringLiteral("xnli transfer"));
    QCOMPARE(experiment->yamlText, yaml);
    QCOMPARE(experiment->status, QStringLiteral("running"));
    QVERIFY(experiment->created.isValid());
    QCOMPARE(experiment->created.timeSpec(), Qt::UTC);
    QVERIFY(experiment->created >= before);
    store.setExperimentStatus(e, QStringLiteral("finished"));
    QCOMPARE(store.experiment(e)->status, QStringLiteral("finished"));
    QVERIFY(!store.experiment(e + 100));

    QCOMPARE(store.run(transfer)->status, QStringLiteral("pending"));
    QVERIFY(!store.run(transfer)->started.isValid());
    store.setRunStatus(transfer, QStringLiteral("running"));
    const QDateTime started = store.run(transfer)->started;
    QVERIFY(started.isValid() && started >= before);
    QVERIFY(!store.run(transfer)->finished.isValid());
    store.setRunStatus(transfer, QStringLiteral("failed"), QStringLiteral("NaN loss at step 3"));
    auto run = store.run(transfer);
    QCOMPARE(run->status, QStringLiteral("failed"));
    QCOMPARE(run->error, QStringLiteral("NaN loss at step 3"));
    QCOMPARE(run->started, started);
    QVERIFY(run->finished.isValid() && run->finished >= started);
    QCOMPARE(run->arm, QStringLiteral("transfer"));
    QCOMPARE(run->target, QStringLiteral("de"));
    QCOMPARE(run->seed, 1);
    QCOMPARE(run->experimentId, e);
    QCOMPARE(store.runs(e).size(), 2);
    QCOMPARE(store.runs().size(), 2);
    QCOMPARE(store.runs(e + 1).size(), 0);

    store.setStageStatus(target, QStringLiteral("running"));
    store.setStageStatus(target, QStringLiteral("finished"));
    const auto stages = store.stages(e);
    QCOMPARE(stages.size(), 4);
    QCOMPARE(stages[0].runId, 0);
    QCOMPARE(stages[2].id, target);
    QCOMPARE(stages[2].runId, transfer);
    QCOMPARE(stages[2].status, QStringLiteral("finished"));
    QVERIFY(stages[2].started.isValid() && stages[2].finished.isValid());

    auto ids = [](const QVector<twb::StageRecord>& list) {
      QList<qint64> out;
      for (const auto& s : list) out << s.id;
      return out;
    };
    QCOMPARE(ids(store.stagesOfRun(transfer)), QList<qint64>({pretrain, intermediate, target}));
    QCOMPARE(ids(store.stagesOfRun(baseline)), QList<qint64>({pretrain}));
    Q_UNUSED(otherSeed);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVector<MetricPoint> points = {
        {target, 2, 0.5, 1.5, QStringLiteral("train_loss"), 0.5},
        {target, 1, 0.25, 0.75, QStringLiteral("train_loss"), 0.75},
        {target, 3, 0.75, 2.25, QStringLiteral("train_loss"), nan},
        {target, 2, 0.5, 1.6, QStringLiteral("dev_accuracy"), 0.625},
    };
    store.addPoints(points);
    store.addPoints({});
    const auto back = store.points(target);
    QCOMPARE(back.size(), 4);
    QCOMPARE(back[0].name, QStringLiteral("dev_accuracy"));  // grouped by name, then step
    QCOMPARE(back[1].step, 1);
    QCOMPARE(back[1].epoch, 0.25);
    QCOMPARE(back[1].wallTime, 0.75);
    QCOMPARE(back[1].value, 0.75);
    QCOMPARE(back[1].stageId, target);
    QCOMPARE(back[2].value, 0.5);
    QVERIFY(std::isnan(back[3].value));
    QCOMPARE(store.pointCount(target), 4);
    QCOMPARE(store.pointCount(pretrain), 0);

    const auto series = store.seriesSummaries(target);
    QCOMPARE(series.size(), 2);
    QCOMPARE(series[1].name, QStringLiteral("train_loss"));
    QCOMPARE(series[1].count, 3);
    QCOMPARE(series[1].firstStep, 1);
    QCOMPARE(series[1].lastStep, 3);
    QCOMPARE(series[1].min, 0.5);
    QCOMPARE(series[1].max, 0.75);
    QVERIFY(std::isnan(series[1].last));
    QCOMPARE(series[0].last, 0.625);

    store.addResult({transfer, QStringLiteral("test"), QStringLiteral("accuracy"), 0.5});
    store.addResult({transfer, QStringLiteral("test"), QStringLiteral("accuracy"), 0.8125});
    store.addResult({transfer, QStringLiteral("dev"), QStringLiteral("accuracy"), 0.75});
    store.addResult({baseline, QStringLiteral("test"), QStringLiteral("accuracy"), 0.5});
    const auto results = store.results(e);
    QCOMPARE(results.size(), 3);  // the second test accuracy replaced the first
    QCOMPARE(results[0].runId, baseline);
    QCOMPARE(results[2].split, QStringLiteral("test"));
    QCOMPARE(results[2].value, 0.8125);
    QCOMPARE(store.resultsOfRun(transfer).size(), 2);
    QCOMPARE(store.results(0).size(), 3);
  }

  // A store written by the previous version (schema 1) gains the predictions table and keeps
  // every row it had.
  void versionOneStoreMigratesKeepingItsRows() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    qint64 run = 0;
    {
      RunStore store(path);
      const qint64 e = store.addExperiment(QStringLiteral("old"), QStringLiteral("x: 1"));
      run = store.addRun(e, QStringLiteral("baseline"), QStringLiteral("t"), 1);
      store.addResult({run, QStringLiteral("test"), QStringLiteral("accuracy"), 0.75});
    }
    withRawConnection(path, [](QSqlDatabase& db) {  // make it look like a version-1 file
      QSqlQuery query(db);
      for (const char* statement :
           {"DROP TABLE predictions", "DROP TABLE store_info",
            "ALTER TABLE experiments DROP COLUMN owner",
            "ALTER TABLE experiments DROP COLUMN heartbeat",
            "ALTER TABLE experiments DROP COLUMN resolved", "PRAGMA user_version = 1"})
        QVERIFY2(query.exec(QLatin1String(statement)), statement);
    });
    RunStore store(path);
    QCOMPARE(store.schemaVersion(), 4);
    QCOMPARE(store.resultsOfRun(run).size(), 1);
    QCOMPARE(store.resultsOfRun(run).front().value, 0.75);
    store.addPredictions({{run, QStringLiteral("test"), 0, QStringLiteral("ab"), 1, 1, 0.9}});
    QCOMPARE(store.predictions(0).size(), 1);
  }

  void predictionsRoundTripInOrderWithNaN() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("p.sqlite")));
    const qint64 e = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    const qint64 other = store.addExperiment(QStringLiteral("f"), QStringLiteral("x: 2"));
    const qint64 run = store.addRun(e, QStringLiteral("transfer"), QStringLiteral("t"), 2);
    const qint64 otherRun = store.addRun(other, QStringLiteral("baseline"), QStringLiteral("t"), 1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    store.addPredictions({{run, QStringLiteral("test"), 1, QStringLiteral("h1"), 0, 1, 0.6},
                          {run, QStringLiteral("test"), 0, QStringLiteral("h0"), 2.5, 2.25, nan},
                          {otherRun, QStringLiteral("test"), 0, QStringLiteral("x"), 1, 0, 0.5}});
    // Storing an example again replaces it (a resumed run re-evaluates its test part).
    store.addPredictions({{run, QStringLiteral("test"), 1, QStringLiteral("h1"), 0, 0, 0.7}});
    const QVector<twb::PredictionRecord> got = store.predictions(e);
    QCOMPARE(got.size(), 2);
    QCOMPARE(got[0].index, 0);
    QCOMPARE(got[0].textHash, QStringLiteral("h0"));
    QCOMPARE(got[0].gold, 2.5);
    QCOMPARE(got[0].predicted, 2.25);
    QVERIFY(std::isnan(got[0].probability));
    QCOMPARE(got[1].predicted, 0.0);
    QCOMPARE(got[1].probability, 0.7);
    QCOMPARE(store.predictions(0).size(), 3);
  }

  void yamlHashIsSha256OfTheText() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const qint64 abc = store.addExperiment(QStringLiteral("a"), QStringLiteral("abc"));
    QCOMPARE(store.experiment(abc)->yamlHash,
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    const QString yaml = QStringLiteral("name: Zürich → Genève\nseeds: [1, 2]\n");
    const qint64 e = store.addExperiment(QStringLiteral("b"), yaml);
    const QString expected = QString::fromLatin1(
        QCryptographicHash::hash(yaml.toUtf8(), QCryptographicHash::Sha256).toHex());
    QCOMPARE(store.experiment(e)->yamlHash, expected);
  }

  void secondConnectionSeesEveryPoint() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    RunStore writer(path);
    RunStore reader(path);  // the UI's own connection
    const qint64 e = writer.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    const qint64 run = writer.addRun(e, QStringLiteral("transfer"), QStringLiteral("fr"), 3);
    const qint64 stage = writer.addStage(e, run, 3, QStringLiteral("target"));
    writer.setRunStatus(run, QStringLiteral("running"));
    QCOMPARE(reader.run(run)->status, QStringLiteral("running"));

    qint64 cursor = 0;
    QVERIFY(reader.pointsAfter(stage, &cursor).isEmpty());
    QCOMPARE(cursor, 0);
    writer.addPoints(makePoints(stage, QStringLiteral("train_loss"), 100));
    auto fresh = reader.pointsAfter(stage, &cursor);
    QCOMPARE(fresh.size(), 100);
    QCOMPARE(fresh.last().step, 99);
    QVERIFY(cursor > 0);
    QVERIFY(reader.pointsAfter(stage, &cursor).isEmpty());

    const qint64 other = writer.addStage(e, run, 3, QStringLiteral("eval"));
    writer.addPoints(makePoints(other, QStringLiteral("dev_loss"), 5));
    writer.addPoints(makePoints(stage, QStringLiteral("train_loss"), 50, 100));
    fresh = reader.pointsAfter(stage, &cursor);
    QCOMPARE(fresh.size(), 50);
    QCOMPARE(fresh.first().step, 100);
    for (const auto& p : fresh) QCOMPARE(p.stageId, stage);
    QCOMPARE(reader.points(stage).size(), 150);
    QCOMPARE(reader.pointCount(other), 5);

    // The reader may write too (the UI marks a run cancelled) while the writer keeps going.
    reader.setRunStatus(run, QStringLiteral("cancelled"));
    writer.addPoints(makePoints(stage, QStringLiteral("train_loss"), 1, 150));
    QCOMPARE(writer.run(run)->status, QStringLiteral("cancelled"));
    QCOMPARE(reader.pointCount(stage), 151);
  }

  void droppedWriterKeepsEveryPoint() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    qint64 run = 0, stage = 0;
    {
      auto writer = std::make_unique<RunStore>(path);
      const qint64 e = writer->addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
      run = writer->addRun(e, QStringLiteral("baseline"), QStringLiteral("de"), 1);
      writer->setRunStatus(run, QStringLiteral("running"));
      stage = writer->addStage(e, run, 1, QStringLiteral("target"));
      for (int call = 0; call < 10; ++call)
        writer->addPoints(makePoints(stage, QStringLiteral("train_loss"), 100, call * 100));
      writer.reset();  // dropped mid-run: no final status
    }
    RunStore again(path);
    QCOMPARE(again.run(run)->status, QStringLiteral("running"));
    QCOMPARE(again.pointCount(stage), 1000);
  }

  void crashedWriterKeepsEveryPoint() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TWB_TEST_CRASH_DB"), path);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);          // killed, as planned
    QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));  // left behind, not checkpointed

    RunStore store(path);
    const auto runs = store.runs();
    QCOMPARE(runs.size(), 1);
    // Left "running" by a process that is gone: it reads as interrupted.
    QCOMPARE(runs.first().status, QStringLiteral("interrupted"));
    const auto stages = store.stagesOfRun(runs.first().id);
    QCOMPARE(stages.size(), 1);
    QCOMPARE(store.pointCount(stages.first().id), qint64(kCrashCalls) * kCrashPointsPerCall);
    const auto series = store.seriesSummaries(stages.first().id);
    QCOMPARE(series.first().lastStep, qint64(kCrashCalls) * kCrashPointsPerCall - 1);
  }

  void newerSchemaIsRefusedAndLeftAlone() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    const int future = RunStore::latestSchemaVersion() + 1;
    withRawConnection(path, [future](QSqlDatabase& db) {
      QSqlQuery query(db);
      QVERIFY(query.exec(QStringLiteral("CREATE TABLE stranger(x)")));
      QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = %1").arg(future)));
      QVERIFY(query.exec(QStringLiteral("PRAGMA application_id = %1")
                             .arg(twb::kStoreApplicationId)));  // a future store of ours
    });
    bool refused = false;
    try {
      RunStore store(path);
    } catch (const twb::InputError& error) {
      refused = true;
      const QString message = QString::fromUtf8(error.what());
      QVERIFY2(message.contains(QStringLiteral("newer")), error.what());
      QVERIFY2(message.contains(path), error.what());
    }
    QVERIFY(refused);
    withRawConnection(path, [future](QSqlDatabase& db) {
      QCOMPARE(rawScalar(db, QStringLiteral("PRAGMA user_version")).toInt(), future);
      QCOMPARE(rawScalar(db, QStringLiteral("PRAGMA journal_mode")).toString(),
               QStringLiteral("delete"));
      QCOMPARE(rawScalar(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master")).toInt(), 1);
    });
  }

  void sqlErrorsThrowWithPathAndDriverText() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
    RunStore store(path);
    const qint64 e = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    try {
      store.addRun(e + 42, QStringLiteral("baseline"), QStringLiteral("de"), 1);
      QFAIL("a run of a missing experiment was stored");
    } catch (const twb::RunError& error) {
      const QString message = QString::fromUtf8(error.what());
      QVERIFY2(message.contains(path), error.what());
      QVERIFY2(message.contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive), error.what());
      QVERIFY2(message.contains(QStringLiteral("cannot add to its runs")), error.what());
      QVERIFY2(!message.contains(QStringLiteral("INSERT")), error.what());  // no raw SQL
    }
    QVERIFY_THROWS_EXCEPTION(twb::RunError, store.setRunStatus(99, QStringLiteral("running")));
    QVERIFY_THROWS_EXCEPTION(twb::RunError, store.setStageStatus(99, QStringLiteral("running")));
    QVERIFY_THROWS_EXCEPTION(twb::RunError,
                             store.setExperimentStatus(99, QStringLiteral("finished")));
    // A batch with one bad point stores none of its points.
    const qint64 run = store.addRun(e, QStringLiteral("baseline"), QStringLiteral("de"), 1);
    const qint64 stage = store.addStage(e, run, 1, QStringLiteral("target"));
    auto points = makePoints(stage, QStringLiteral("train_loss"), 10);
    points[5].stageId = stage + 1000;
    QVERIFY_THROWS_EXCEPTION(twb::RunError, store.addPoints(points));
    QCOMPARE(store.pointCount(stage), 0);
    store.addPoints(makePoints(stage, QStringLiteral("train_loss"), 10));  // still usable
    QCOMPARE(store.pointCount(stage), 10);
    QVERIFY_THROWS_EXCEPTION(twb::RunError,
                             RunStore(dir.filePath(QStringLiteral("runs.sqlite/not-a-dir"))));
  }

  void defaultPathFollowsEnvironmentAndAppData() {
    const QByteArray saved = qgetenv("TWB_DB");
    qputenv("TWB_DB", "/somewhere/else.sqlite");
    QCOMPARE(RunStore::defaultPath(), QStringLiteral("/somewhere/else.sqlite"));
    qunsetenv("TWB_DB");
    const QString path = RunStore::defaultPath();
    QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                       QStringLiteral("/transfer-workbench/runs.sqlite"));
    QVERIFY(QFileInfo(QFileInfo(path).absolutePath()).isDir());
    if (!saved.isNull()) qputenv("TWB_DB", saved);
  }

  // A large batch lands whole in one transaction (its speed is bench/bench_store's business).
  void aLargeBatchOfPointsLandsWhole() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const qint64 e = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    const qint64 stage = store.addStage(e, 0, 1, QStringLiteral("pretrain"));
    constexpr int kCount = 200000;
    store.addPoints(makePoints(stage, QStringLiteral("train_loss"), kCount));
    QCOMPARE(store.pointCount(stage), kCount);
    QCOMPARE(store.seriesSummaries(stage).front().lastStep, qint64{kCount - 1});
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QString crashDb = qEnvironmentVariable("TWB_TEST_CRASH_DB");
  if (!crashDb.isEmpty()) return crashingWriter(crashDb);
  RunStoreTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_run_store.moc"

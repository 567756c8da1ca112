#include "store/RunStore.h"

#include <sys/stat.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <atomic>

#include "common/DataFolders.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "store/OwnerProcess.h"
#include "store/RunStoreImpl.h"
#include "store/SqlSupport.h"
#include "store/StoreFile.h"
#include "store/StoreSchema.h"

namespace twb {
namespace {

constexpr int kBusyTimeoutMs = 1000;      // one attempt's wait inside SQLite; then back off, retry
constexpr int kHeartbeatEveryMs = 30000;  // how often a running experiment says it lives

QString uniqueConnectionName() {
  static std::atomic<quint64> counter{0};
  return QStringLiteral("twb-run-store-%1").arg(counter.fetch_add(1));
}

using vocab::RunStatus;

// Finished, failed or interrupted (which older stores wrote as cancelled).
bool isTerminal(const QString& status) {
  const std::optional<RunStatus> parsed = vocab::parse<RunStatus>(status);
  return parsed && *parsed != RunStatus::Pending && *parsed != RunStatus::Running;
}

// The time columns a status change sets: started (first "running") or finished; each "?" is
// bound to the current time.
QString stampsFor(const QString& status) {
  if (vocab::is(status, RunStatus::Running))
    return QStringLiteral(", started = COALESCE(started, ?), finished = NULL");
  if (isTerminal(status)) return QStringLiteral(", finished = ?");
  return {};
}

void requireOneRow(const QSqlQuery& query, const QSqlDatabase& db, const char* table, qint64 id) {
  if (query.numRowsAffected() < 1)
    sql::fail(db, QStringLiteral("cannot update %1 %2").arg(QLatin1String(table)).arg(id),
              QStringLiteral("no such row"));
}

// Opens the connection and brings the schema up to date. Checks the version before anything
// writes, so a database from a newer program is left as it was.
void openDatabase(QSqlDatabase& db, StoreFileKind kind) {
  if (!db.open()) sql::fail(db, QStringLiteral("cannot open"), db.lastError().text());
  sql::exec(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs));
  schema::checkNotNewer(db);
  // A new file is marked as a run store before anything else, and before WAL mode, so the mark
  // is in the file itself (not in its log) for any program that reads its header.
  if (kind == StoreFileKind::New)
    sql::exec(db, QStringLiteral("PRAGMA application_id = %1").arg(kStoreApplicationId));
  const QString mode =
      sql::scalar(db, QStringLiteral("PRAGMA journal_mode = WAL")).toString().toLower();
  if (mode != QLatin1String("wal") && mode != QLatin1String("memory"))
    sql::fail(db, QStringLiteral("cannot switch to WAL"), QStringLiteral("journal mode ") + mode);
  // A crash of the program loses nothing committed in WAL mode with synchronous=NORMAL; only
  // a power cut may lose the last commits. It saves an fsync per write.
  sql::exec(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
  sql::exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
  schema::migrate(db);
}

// A copy of a store file must not share its original's checkpoints: the store records which
// file (device and inode) it is, and a store that finds itself in another file takes a new id.
// (A rename keeps the inode, and so the id.)
void claimStoreId(const QSqlDatabase& db, const QString& path) {
  struct stat info {};
  if (::stat(QFile::encodeName(path).constData(), &info) != 0) return;
  const QString fileId = QStringLiteral("%1:%2").arg(info.st_dev).arg(info.st_ino);
  const QString recorded =
      sql::scalar(db, QStringLiteral("SELECT value FROM store_info WHERE key = 'file_id'"))
          .toString();
  if (recorded == fileId) return;
  sql::WriteTransaction transaction(db);
  if (!recorded.isEmpty())
    sql::exec(db, QStringLiteral("UPDATE store_info SET value = lower(hex(randomblob(16))) "
                                 "WHERE key = 'store_id'"));
  QSqlQuery query = sql::prepare(
      db, QStringLiteral("INSERT OR REPLACE INTO store_info(key, value) VALUES('file_id', ?)"));
  query.addBindValue(fileId);
  sql::exec(query, db);
  transaction.commit();
}

}  // namespace

RunStore::RunStore(const QString& path) : d(std::make_unique<Impl>()) {
  const StoreFileKind kind = inspectStoreFile(path);  // before anything is created
  d->path = path;
  d->connectionName = uniqueConnectionName();
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
    throw RunError(QStringLiteral("run store %1: the Qt SQLite driver (QSQLITE) is not installed")
                       .arg(path)
                       .toStdString());
  if (path != QLatin1String(":memory:")) QDir().mkpath(QFileInfo(path).absolutePath());
  d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
  d->db.setDatabaseName(path);
  try {
    openDatabase(d->db, kind);
    if (path != QLatin1String(":memory:")) claimStoreId(d->db, path);
    // $TWB_STORE_WAIT: seconds a write waits for another program's lock (default 120).
    bool given = false;
    const double waitSeconds = qEnvironmentVariable("TWB_STORE_WAIT").toDouble(&given);
    if (given && waitSeconds >= 0) setWriteWait(static_cast<int>(waitSeconds * 1000));
  } catch (...) {
    d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(d->connectionName);
    throw;
  }
}

RunStore::~RunStore() {
  d->insertPoint.reset();  // every query goes before its connection
  d->db.close();
  d->db = QSqlDatabase();
  QSqlDatabase::removeDatabase(d->connectionName);
}

QString RunStore::defaultPath() { return defaultStorePath(); }

QString RunStore::path() const { return d->path; }

int RunStore::schemaVersion() const { return schema::version(d->db); }

int RunStore::latestSchemaVersion() { return schema::latestVersion(); }

QString RunStore::storeId() const {
  return sql::scalar(d->db, QStringLiteral("SELECT value FROM store_info WHERE key = 'store_id'"))
      .toString();
}

QString RunStore::checkpointFolder(qint64 experimentId) const {
  return QStringLiteral("%1/checkpoints/%2/experiment-%3")
      .arg(QFileInfo(d->path).absolutePath(), storeId())
      .arg(experimentId);
}

void RunStore::setWriteWait(int milliseconds) {
  d->writeWaitMs = std::max(0, milliseconds);
  sql::exec(d->db,
            QStringLiteral("PRAGMA busy_timeout = %1").arg(std::min(kBusyTimeoutMs, milliseconds)));
}

void RunStore::Impl::beat() {
  if (ownedExperiment == 0 || sinceHeartbeat.elapsed() < kHeartbeatEveryMs) return;
  sinceHeartbeat.restart();
  QSqlQuery query = sql::prepare(db, QStringLiteral("UPDATE experiments SET heartbeat = ? "
                                                    "WHERE id = ?"));
  query.addBindValue(sql::nowText());
  query.addBindValue(ownedExperiment);
  try {
    sql::exec(query, db);
  } catch (const sql::Busy&) {
    // The next write beats again; a missed heartbeat only matters across machines.
  }
}

void RunStore::Impl::throwLockHeld(qint64 waitedMs) const {
  throw StoreLocked(
      QStringLiteral("run store %1: another program has held its write lock for %2 s, "
                     "so nothing more can be stored; the run stopped here, everything "
                     "stored before is kept, and the experiment can be resumed "
                     "(twb run --resume) once the lock is released")
          .arg(path)
          .arg(waitedMs / 1000.0, 0, 'f', 0)
          .toStdString());
}

qint64 RunStore::addExperiment(const QString& name, const QString& yamlText) {
  const QString hash = QString::fromLatin1(
      QCryptographicHash::hash(yamlText.toUtf8(), QCryptographicHash::Sha256).toHex());
  const qint64 id = d->write([&] {
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("INSERT INTO experiments(name, yaml_text, yaml_hash, status, "
                              "created, owner, heartbeat) VALUES(?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(name);
    query.addBindValue(yamlText);
    query.addBindValue(hash);
    query.addBindValue(vocab::name(RunStatus::Running));
    query.addBindValue(sql::nowText());
    query.addBindValue(currentOwner());
    query.addBindValue(sql::nowText());
    sql::exec(query, d->db);
    return query.lastInsertId().toLongLong();
  });
  d->ownedExperiment = id;
  d->sinceHeartbeat.start();
  return id;
}

void RunStore::setExperimentResolved(qint64 experimentId, const ResolvedSettings& settings) {
  const QByteArray json =
      QJsonDocument(resolvedSettingsJson(settings)).toJson(QJsonDocument::Compact);
  d->write([&] {
    QSqlQuery query =
        sql::prepare(d->db, QStringLiteral("UPDATE experiments SET resolved = ? WHERE id = ?"));
    query.addBindValue(QString::fromUtf8(json));
    query.addBindValue(experimentId);
    sql::exec(query, d->db);
  });
}

void RunStore::resumeExperiment(qint64 experimentId) {
  const std::optional<ExperimentRecord> stored = experiment(experimentId);
  if (!stored)
    sql::fail(d->db, QStringLiteral("cannot resume experiment %1").arg(experimentId),
              QStringLiteral("no such experiment"));
  if (vocab::is(stored->status, RunStatus::Running) && !stored->owner.isEmpty() &&
      stored->owner != currentOwner())
    throw InputError(d->path, 0, 0,
                     QStringLiteral("experiment %1 is still running in process %2 on %3; stop "
                                    "it before resuming")
                         .arg(experimentId)
                         .arg(ownerPid(stored->owner))
                         .arg(ownerHost(stored->owner)));
  d->write([&] {
    sql::WriteTransaction transaction(d->db);
    for (const char* table : {"stages", "runs"}) {
      QSqlQuery mark = sql::prepare(d->db, QStringLiteral("UPDATE %1 SET status = ?, finished = ? "
                                                          "WHERE experiment_id = ? AND status = ?")
                                               .arg(QLatin1String(table)));
      mark.addBindValue(vocab::name(RunStatus::Interrupted));
      mark.addBindValue(sql::nowText());
      mark.addBindValue(experimentId);
      mark.addBindValue(vocab::name(RunStatus::Running));
      sql::exec(mark, d->db);
    }
    QSqlQuery claim =
        sql::prepare(d->db, QStringLiteral("UPDATE experiments SET status = ?, owner = ?, "
                                           "heartbeat = ? WHERE id = ?"));
    claim.addBindValue(vocab::name(RunStatus::Running));
    claim.addBindValue(currentOwner());
    claim.addBindValue(sql::nowText());
    claim.addBindValue(experimentId);
    sql::exec(claim, d->db);
    transaction.commit();
  });
  d->ownedExperiment = experimentId;
  d->sinceHeartbeat.start();
}

void RunStore::setExperimentStatus(qint64 experimentId, const QString& status) {
  d->write([&] {
    QSqlQuery query =
        sql::prepare(d->db, QStringLiteral("UPDATE experiments SET status = ? WHERE id = ?"));
    query.addBindValue(status);
    query.addBindValue(experimentId);
    sql::exec(query, d->db);
    requireOneRow(query, d->db, "experiment", experimentId);
  });
}

qint64 RunStore::addRun(qint64 experimentId, const QString& arm, const QString& target, int seed) {
  return d->write([&] {
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("INSERT INTO runs(experiment_id, arm, target, seed, status) "
                              "VALUES(?, ?, ?, ?, ?)"));
    query.addBindValue(experimentId);
    query.addBindValue(arm);
    query.addBindValue(target);
    query.addBindValue(seed);
    query.addBindValue(vocab::name(RunStatus::Pending));
    sql::exec(query, d->db);
    return query.lastInsertId().toLongLong();
  });
}

void RunStore::setRunStatus(qint64 runId, const QString& status, const QString& error) {
  d->write([&] {
    const QString stamps = stampsFor(status);
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("UPDATE runs SET status = ?, error = ?%1 WHERE id = ?").arg(stamps));
    query.addBindValue(status);
    query.addBindValue(error.isNull() ? QStringLiteral("") : error);
    if (!stamps.isEmpty()) query.addBindValue(sql::nowText());
    query.addBindValue(runId);
    sql::exec(query, d->db);
    requireOneRow(query, d->db, "run", runId);
  });
}

qint64 RunStore::addStage(qint64 experimentId, qint64 runId, int seed, const QString& name) {
  return d->write([&] {
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("INSERT INTO stages(experiment_id, run_id, seed, name, status) "
                              "VALUES(?, ?, ?, ?, ?)"));
    query.addBindValue(experimentId);
    query.addBindValue(sql::idValue(runId));
    query.addBindValue(seed);
    query.addBindValue(name);
    query.addBindValue(vocab::name(RunStatus::Pending));
    sql::exec(query, d->db);
    return query.lastInsertId().toLongLong();
  });
}

void RunStore::setStageStatus(qint64 stageId, const QString& status) {
  d->write([&] {
    const QString stamps = stampsFor(status);
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("UPDATE stages SET status = ?%1 WHERE id = ?").arg(stamps));
    query.addBindValue(status);
    if (!stamps.isEmpty()) query.addBindValue(sql::nowText());
    query.addBindValue(stageId);
    sql::exec(query, d->db);
    requireOneRow(query, d->db, "stage", stageId);
  });
}

void RunStore::addPoints(const QVector<MetricPoint>& points) {
  if (points.isEmpty()) return;
  d->write([&] {
    if (!d->insertPoint)
      d->insertPoint = sql::prepare(
          d->db, QStringLiteral("INSERT INTO points(stage_id, step, epoch, wall_time, name, value) "
                                "VALUES(?, ?, ?, ?, ?, ?)"));
    QSqlQuery& insert = *d->insertPoint;
    sql::WriteTransaction transaction(d->db);
    for (const MetricPoint& point : points) {
      insert.bindValue(0, point.stageId);
      insert.bindValue(1, point.step);
      insert.bindValue(2, point.epoch);
      insert.bindValue(3, point.wallTime);
      insert.bindValue(4, point.name);
      insert.bindValue(5, sql::realValue(point.value));
      sql::exec(insert, d->db);
    }
    insert.finish();
    transaction.commit();
  });
}

void RunStore::addResult(const ResultRecord& result) {
  d->write([&] {
    QSqlQuery query = sql::prepare(
        d->db, QStringLiteral("INSERT OR REPLACE INTO results(run_id, split, metric, value) "
                              "VALUES(?, ?, ?, ?)"));
    query.addBindValue(result.runId);
    query.addBindValue(result.split);
    query.addBindValue(result.metric);
    query.addBindValue(sql::realValue(result.value));
    sql::exec(query, d->db);
  });
}

void RunStore::addPredictions(const QVector<PredictionRecord>& predictions) {
  if (predictions.isEmpty()) return;
  d->write([&] {
    QSqlQuery insert = sql::prepare(
        d->db, QStringLiteral("INSERT OR REPLACE INTO predictions(run_id, part, idx, text_hash, "
                              "gold, predicted, probability) VALUES(?, ?, ?, ?, ?, ?, ?)"));
    sql::WriteTransaction transaction(d->db);
    for (const PredictionRecord& p : predictions) {
      insert.bindValue(0, p.runId);
      insert.bindValue(1, p.part);
      insert.bindValue(2, p.index);
      insert.bindValue(3, p.textHash);
      insert.bindValue(4, sql::realValue(p.gold));
      insert.bindValue(5, sql::realValue(p.predicted));
      insert.bindValue(6, sql::realValue(p.probability));
      sql::exec(insert, d->db);
    }
    insert.finish();
    transaction.commit();
  });
}

}  // namespace twb

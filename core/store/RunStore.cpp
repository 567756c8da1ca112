#include "store/RunStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>
#include <atomic>

#include "common/InputError.h"
#include "store/RunStoreImpl.h"
#include "store/SqlSupport.h"
#include "store/StoreSchema.h"

namespace twb {
namespace {

constexpr int kBusyTimeoutMs = 5000;

QString uniqueConnectionName() {
  static std::atomic<quint64> counter{0};
  return QStringLiteral("twb-run-store-%1").arg(counter.fetch_add(1));
}

bool isTerminal(const QString& status) {
  return status == QLatin1String("finished") || status == QLatin1String("failed") ||
         status == QLatin1String("cancelled");
}

void requireOneRow(const QSqlQuery& query, const QSqlDatabase& db, const char* table, qint64 id) {
  if (query.numRowsAffected() < 1)
    sql::fail(db, QStringLiteral("cannot update %1 %2").arg(QLatin1String(table)).arg(id),
              QStringLiteral("no such row"));
}

// Opens the connection and brings the schema up to date. Checks the version before anything
// writes, so a database from a newer program is left as it was.
void openDatabase(QSqlDatabase& db) {
  if (!db.open()) sql::fail(db, QStringLiteral("cannot open"), db.lastError().text());
  sql::exec(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs));
  schema::checkNotNewer(db);
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

}  // namespace

RunStore::RunStore(const QString& path) : d(std::make_unique<Impl>()) {
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
    openDatabase(d->db);
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

QString RunStore::defaultPath() {
  const QString fromEnv = qEnvironmentVariable("TWB_DB");
  if (!fromEnv.isEmpty()) return fromEnv;
  QString folder;
  if (!QCoreApplication::applicationName().isEmpty()) {
    folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  } else {
    // What AppDataLocation would be with the application named transfer-workbench.
    folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString organization = QCoreApplication::organizationName();
    if (!organization.isEmpty()) folder += QLatin1Char('/') + organization;
    folder += QStringLiteral("/transfer-workbench");
  }
  QDir().mkpath(folder);
  return folder + QStringLiteral("/runs.sqlite");
}

QString RunStore::path() const { return d->path; }

int RunStore::schemaVersion() const { return schema::version(d->db); }

int RunStore::latestSchemaVersion() { return schema::latestVersion(); }

qint64 RunStore::addExperiment(const QString& name, const QString& yamlText) {
  const QString hash = QString::fromLatin1(
      QCryptographicHash::hash(yamlText.toUtf8(), QCryptographicHash::Sha256).toHex());
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("INSERT INTO experiments(name, yaml_text, yaml_hash, status, created) "
                            "VALUES(?, ?, ?, 'running', ?)"));
  query.addBindValue(name);
  query.addBindValue(yamlText);
  query.addBindValue(hash);
  query.addBindValue(sql::nowText());
  sql::exec(query, d->db);
  return query.lastInsertId().toLongLong();
}

void RunStore::setExperimentStatus(qint64 experimentId, const QString& status) {
  QSqlQuery query =
      sql::prepare(d->db, QStringLiteral("UPDATE experiments SET status = ? WHERE id = ?"));
  query.addBindValue(status);
  query.addBindValue(experimentId);
  sql::exec(query, d->db);
  requireOneRow(query, d->db, "experiment", experimentId);
}

qint64 RunStore::addRun(qint64 experimentId, const QString& arm, const QString& target, int seed) {
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("INSERT INTO runs(experiment_id, arm, target, seed, status) "
                            "VALUES(?, ?, ?, ?, 'pending')"));
  query.addBindValue(experimentId);
  query.addBindValue(arm);
  query.addBindValue(target);
  query.addBindValue(seed);
  sql::exec(query, d->db);
  return query.lastInsertId().toLongLong();
}

void RunStore::setRunStatus(qint64 runId, const QString& status, const QString& error) {
  QString stamps;
  if (status == QLatin1String("running"))
    stamps = QStringLiteral(", started = COALESCE(started, ?), finished = NULL");
  else if (isTerminal(status))
    stamps = QStringLiteral(", finished = ?");
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("UPDATE runs SET status = ?, error = ?%1 WHERE id = ?").arg(stamps));
  query.addBindValue(status);
  query.addBindValue(error.isNull() ? QStringLiteral("") : error);
  if (!stamps.isEmpty()) query.addBindValue(sql::nowText());
  query.addBindValue(runId);
  sql::exec(query, d->db);
  requireOneRow(query, d->db, "run", runId);
}

qint64 RunStore::addStage(qint64 experimentId, qint64 runId, int seed, const QString& name) {
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("INSERT INTO stages(experiment_id, run_id, seed, name, status) "
                            "VALUES(?, ?, ?, ?, 'pending')"));
  query.addBindValue(experimentId);
  query.addBindValue(sql::idValue(runId));
  query.addBindValue(seed);
  query.addBindValue(name);
  sql::exec(query, d->db);
  return query.lastInsertId().toLongLong();
}

void RunStore::setStageStatus(qint64 stageId, const QString& status) {
  QString stamps;
  if (status == QLatin1String("running"))
    stamps = QStringLiteral(", started = COALESCE(started, ?), finished = NULL");
  else if (isTerminal(status))
    stamps = QStringLiteral(", finished = ?");
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("UPDATE stages SET status = ?%1 WHERE id = ?").arg(stamps));
  query.addBindValue(status);
  if (!stamps.isEmpty()) query.addBindValue(sql::nowText());
  query.addBindValue(stageId);
  sql::exec(query, d->db);
  requireOneRow(query, d->db, "stage", stageId);
}

void RunStore::addPoints(const QVector<MetricPoint>& points) {
  if (points.isEmpty()) return;
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
}

void RunStore::addResult(const ResultRecord& result) {
  QSqlQuery query = sql::prepare(
      d->db, QStringLiteral("INSERT OR REPLACE INTO results(run_id, split, metric, value) "
                            "VALUES(?, ?, ?, ?)"));
  query.addBindValue(result.runId);
  query.addBindValue(result.split);
  query.addBindValue(result.metric);
  query.addBindValue(sql::realValue(result.value));
  sql::exec(query, d->db);
}

void RunStore::addPredictions(const QVector<PredictionRecord>& predictions) {
  if (predictions.isEmpty()) return;
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
}

}  // namespace twb

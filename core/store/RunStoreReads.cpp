// The RunStore's queries: what the UI and the CLI read.
#include <QSet>
#include <QSqlQuery>

#include "common/Vocabulary.h"
#include "store/OwnerProcess.h"
#include "store/RunStore.h"
#include "store/RunStoreImpl.h"
#include "store/SqlSupport.h"

namespace twb {
namespace {

const QString kExperimentColumns = QStringLiteral(
    "SELECT id, name, yaml_text, yaml_hash, status, created, owner, heartbeat, resolved "
    "FROM experiments");
const QString kRunning = vocab::name(vocab::RunStatus::Running);
const QString kInterrupted = vocab::name(vocab::RunStatus::Interrupted);
const QString kRunColumns = QStringLiteral(
    "SELECT id, experiment_id, arm, target, seed, status, error, started, finished FROM runs");
const QString kStageColumns = QStringLiteral(
    "SELECT id, experiment_id, run_id, seed, name, status, started, finished FROM stages");
const QString kPointColumns =
    QStringLiteral("SELECT stage_id, step, epoch, wall_time, name, value FROM points");
const QString kResultColumns =
    QStringLiteral("SELECT r.run_id, r.split, r.metric, r.value FROM results r");

ExperimentRecord experimentFrom(const QSqlQuery& q) {
  ExperimentRecord e;
  e.id = q.value(0).toLongLong();
  e.name = q.value(1).toString();
  e.yamlText = q.value(2).toString();
  e.yamlHash = q.value(3).toString();
  e.status = q.value(4).toString();
  e.created = sql::timeFrom(q.value(5));
  e.owner = q.value(6).toString();
  e.heartbeat = sql::timeFrom(q.value(7));
  e.resolved = q.value(8).toString();
  // A run whose process died (killed, crashed, machine restarted) never set its status.
  if (e.status == kRunning && ownerIsDead(e.owner, e.heartbeat)) e.status = kInterrupted;
  return e;
}

RunRecord runFrom(const QSqlQuery& q) {
  RunRecord r;
  r.id = q.value(0).toLongLong();
  r.experimentId = q.value(1).toLongLong();
  r.arm = q.value(2).toString();
  r.target = q.value(3).toString();
  r.seed = q.value(4).toInt();
  r.status = q.value(5).toString();
  r.error = q.value(6).toString();
  r.started = sql::timeFrom(q.value(7));
  r.finished = sql::timeFrom(q.value(8));
  return r;
}

StageRecord stageFrom(const QSqlQuery& q) {
  StageRecord s;
  s.id = q.value(0).toLongLong();
  s.experimentId = q.value(1).toLongLong();
  s.runId = q.value(2).toLongLong();  // NULL reads as 0: shared
  s.seed = q.value(3).toInt();
  s.name = q.value(4).toString();
  s.status = q.value(5).toString();
  s.started = sql::timeFrom(q.value(6));
  s.finished = sql::timeFrom(q.value(7));
  return s;
}

// Reads the point columns starting at column first.
MetricPoint pointFrom(const QSqlQuery& q, int first = 0) {
  MetricPoint p;
  p.stageId = q.value(first).toLongLong();
  p.step = q.value(first + 1).toLongLong();
  p.epoch = q.value(first + 2).toDouble();
  p.wallTime = q.value(first + 3).toDouble();
  p.name = q.value(first + 4).toString();
  p.value = sql::realFrom(q.value(first + 5));
  return p;
}

ResultRecord resultFrom(const QSqlQuery& q) {
  ResultRecord r;
  r.runId = q.value(0).toLongLong();
  r.split = q.value(1).toString();
  r.metric = q.value(2).toString();
  r.value = sql::realFrom(q.value(3));
  return r;
}

// Runs statement with the given bound values and converts every row with from.
template <typename Record, typename From>
QVector<Record> select(const QSqlDatabase& db, const QString& statement, const QVariantList& values,
                       From from) {
  QSqlQuery query = sql::prepare(db, statement);
  for (const QVariant& value : values) query.addBindValue(value);
  sql::exec(query, db);
  QVector<Record> rows;
  while (query.next()) rows.append(from(query));
  return rows;
}

// The experiments stored as running whose owner process is gone.
QSet<qint64> deadExperiments(const QSqlDatabase& db) {
  QSet<qint64> dead;
  for (const ExperimentRecord& e :
       select<ExperimentRecord>(db, kExperimentColumns + QStringLiteral(" WHERE status = ?"),
                                {kRunning}, experimentFrom))
    if (e.status == kInterrupted) dead.insert(e.id);
  return dead;
}

// Rows of a dead experiment read "interrupted" where they were left "running".
template <typename Record>
QVector<Record> withDeadOwners(const QSqlDatabase& db, QVector<Record> rows) {
  bool anyRunning = false;
  for (const Record& r : rows) anyRunning |= r.status == kRunning;
  if (!anyRunning) return rows;
  const QSet<qint64> dead = deadExperiments(db);
  for (Record& r : rows)
    if (r.status == kRunning && dead.contains(r.experimentId)) r.status = kInterrupted;
  return rows;
}

}  // namespace

QVector<ExperimentRecord> RunStore::experiments() const {
  return select<ExperimentRecord>(d->db, kExperimentColumns + QStringLiteral(" ORDER BY id"), {},
                                  experimentFrom);
}

std::optional<ExperimentRecord> RunStore::experiment(qint64 id) const {
  const auto rows = select<ExperimentRecord>(
      d->db, kExperimentColumns + QStringLiteral(" WHERE id = ?"), {id}, experimentFrom);
  if (rows.isEmpty()) return std::nullopt;
  return rows.first();
}

QVector<RunRecord> RunStore::runs(qint64 experimentId) const {
  if (experimentId == 0)
    return withDeadOwners(
        d->db, select<RunRecord>(d->db, kRunColumns + QStringLiteral(" ORDER BY id"), {}, runFrom));
  return withDeadOwners(
      d->db,
      select<RunRecord>(d->db, kRunColumns + QStringLiteral(" WHERE experiment_id = ? ORDER BY id"),
                        {experimentId}, runFrom));
}

std::optional<RunRecord> RunStore::run(qint64 id) const {
  const auto rows = withDeadOwners(
      d->db,
      select<RunRecord>(d->db, kRunColumns + QStringLiteral(" WHERE id = ?"), {id}, runFrom));
  if (rows.isEmpty()) return std::nullopt;
  return rows.first();
}

QVector<StageRecord> RunStore::stages(qint64 experimentId) const {
  return withDeadOwners(
      d->db, select<StageRecord>(
                 d->db, kStageColumns + QStringLiteral(" WHERE experiment_id = ? ORDER BY id"),
                 {experimentId}, stageFrom));
}

QVector<StageRecord> RunStore::stagesOfRun(qint64 runId) const {
  const std::optional<RunRecord> owner = run(runId);
  if (!owner) return {};
  const auto rows = withDeadOwners(
      d->db, select<StageRecord>(
                 d->db,
                 kStageColumns + QStringLiteral(" WHERE experiment_id = ? AND"
                                                " (run_id = ? OR (run_id IS NULL AND seed = ?))"
                                                " ORDER BY id"),
                 {owner->experimentId, runId, owner->seed}, stageFrom));
  QVector<StageRecord> used;
  for (const StageRecord& stage : rows) {
    const bool transferOnly = stage.runId == 0 && vocab::is(stage.name, vocab::Stage::Intermediate);
    if (transferOnly && vocab::is(owner->arm, vocab::Arm::Baseline)) continue;
    used.append(stage);
  }
  return used;
}

QVector<MetricPoint> RunStore::points(qint64 stageId) const {
  return select<MetricPoint>(
      d->db, kPointColumns + QStringLiteral(" WHERE stage_id = ? ORDER BY name, step, rowid"),
      {stageId}, [](const QSqlQuery& q) { return pointFrom(q); });
}

QVector<MetricPoint> RunStore::pointsAfter(qint64 stageId, qint64* cursor) const {
  // From the start, the series index finds the stage's points; afterwards, "+stage_id" keeps
  // SQLite on the rowid range, which holds only the newest points.
  const QString statement =
      *cursor == 0 ? QStringLiteral(
                         "SELECT rowid, stage_id, step, epoch, wall_time, name, value"
                         " FROM points WHERE stage_id = ? AND rowid > ? ORDER BY rowid")
                   : QStringLiteral(
                         "SELECT rowid, stage_id, step, epoch, wall_time, name, value"
                         " FROM points WHERE +stage_id = ? AND rowid > ? ORDER BY rowid");
  qint64 last = *cursor;
  auto rows =
      select<MetricPoint>(d->db, statement, {stageId, *cursor}, [&last](const QSqlQuery& q) {
        last = q.value(0).toLongLong();
        return pointFrom(q, 1);
      });
  *cursor = last;
  return rows;
}

qint64 RunStore::pointCount(qint64 stageId) const {
  QSqlQuery query =
      sql::prepare(d->db, QStringLiteral("SELECT COUNT(*) FROM points WHERE stage_id = ?"));
  query.addBindValue(stageId);
  sql::exec(query, d->db);
  return query.next() ? query.value(0).toLongLong() : 0;
}

QVector<SeriesSummary> RunStore::seriesSummaries(qint64 stageId) const {
  const QString statement = QStringLiteral(
      "SELECT name, COUNT(*), MIN(step), MAX(step), MIN(value), MAX(value),"
      " (SELECT l.value FROM points l WHERE l.stage_id = p.stage_id AND l.name = p.name"
      "  ORDER BY l.step DESC, l.rowid DESC LIMIT 1)"
      " FROM points p WHERE stage_id = ? GROUP BY name ORDER BY name");
  return select<SeriesSummary>(d->db, statement, {stageId}, [](const QSqlQuery& q) {
    SeriesSummary s;
    s.name = q.value(0).toString();
    s.count = q.value(1).toLongLong();
    s.firstStep = q.value(2).toLongLong();
    s.lastStep = q.value(3).toLongLong();
    s.min = sql::realFrom(q.value(4));
    s.max = sql::realFrom(q.value(5));
    s.last = sql::realFrom(q.value(6));
    return s;
  });
}

QVector<ResultRecord> RunStore::results(qint64 experimentId) const {
  if (experimentId == 0)
    return select<ResultRecord>(
        d->db, kResultColumns + QStringLiteral(" ORDER BY r.run_id, r.split, r.metric"), {},
        resultFrom);
  return select<ResultRecord>(
      d->db,
      kResultColumns + QStringLiteral(" JOIN runs u ON u.id = r.run_id"
                                      " WHERE u.experiment_id = ?"
                                      " ORDER BY r.run_id, r.split, r.metric"),
      {experimentId}, resultFrom);
}

QVector<ResultRecord> RunStore::resultsOfRun(qint64 runId) const {
  return select<ResultRecord>(
      d->db, kResultColumns + QStringLiteral(" WHERE r.run_id = ? ORDER BY r.split, r.metric"),
      {runId}, resultFrom);
}

QVector<PredictionRecord> RunStore::predictions(qint64 experimentId) const {
  const QString columns = QStringLiteral(
      "SELECT p.run_id, p.part, p.idx, p.text_hash, p.gold, p.predicted, p.probability "
      "FROM predictions p");
  const QString order = QStringLiteral(" ORDER BY p.run_id, p.part, p.idx");
  auto from = [](const QSqlQuery& q) {
    PredictionRecord p;
    p.runId = q.value(0).toLongLong();
    p.part = q.value(1).toString();
    p.index = q.value(2).toInt();
    p.textHash = q.value(3).toString();
    p.gold = sql::realFrom(q.value(4));
    p.predicted = sql::realFrom(q.value(5));
    p.probability = sql::realFrom(q.value(6));
    return p;
  };
  if (experimentId == 0) return select<PredictionRecord>(d->db, columns + order, {}, from);
  return select<PredictionRecord>(
      d->db,
      columns + QStringLiteral(" JOIN runs u ON u.id = p.run_id WHERE u.experiment_id = ?") + order,
      {experimentId}, from);
}

}  // namespace twb

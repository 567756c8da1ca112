#include "store/StoreSchema.h"

#include <QStringList>
#include <vector>

#include "common/InputError.h"
#include "store/SqlSupport.h"
#include "store/StoreFile.h"

namespace twb::schema {
namespace {

// Migration i (0-based) brings the schema from version i to version i + 1. Append only: never
// edit a migration that has shipped.
const std::vector<QStringList>& migrations() {
  static const std::vector<QStringList> list = {
      // Version 1: the initial schema.
      {
          QStringLiteral("CREATE TABLE experiments("
                         " id INTEGER PRIMARY KEY,"
                         " name TEXT NOT NULL,"
                         " yaml_text TEXT NOT NULL,"
                         " yaml_hash TEXT NOT NULL,"  // sha256 of yaml_text (UTF-8), hex
                         " status TEXT NOT NULL,"
                         " created TEXT NOT NULL)"),
          QStringLiteral("CREATE TABLE runs("
                         " id INTEGER PRIMARY KEY,"
                         " experiment_id INTEGER NOT NULL REFERENCES experiments(id)"
                         "  ON DELETE CASCADE,"
                         " arm TEXT NOT NULL,"
                         " target TEXT NOT NULL,"
                         " seed INTEGER NOT NULL,"
                         " status TEXT NOT NULL,"
                         " error TEXT NOT NULL DEFAULT '',"
                         " started TEXT,"
                         " finished TEXT)"),
          QStringLiteral("CREATE INDEX runs_by_experiment ON runs(experiment_id)"),
          QStringLiteral("CREATE TABLE stages("
                         " id INTEGER PRIMARY KEY,"
                         " experiment_id INTEGER NOT NULL REFERENCES experiments(id)"
                         "  ON DELETE CASCADE,"
                         " run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,"  // NULL: shared
                         " seed INTEGER NOT NULL,"
                         " name TEXT NOT NULL,"
                         " status TEXT NOT NULL,"
                         " started TEXT,"
                         " finished TEXT)"),
          QStringLiteral("CREATE INDEX stages_by_experiment ON stages(experiment_id)"),
          QStringLiteral("CREATE INDEX stages_by_run ON stages(run_id)"),
          QStringLiteral("CREATE TABLE points("
                         " stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,"
                         " step INTEGER NOT NULL,"
                         " epoch REAL NOT NULL,"
                         " wall_time REAL NOT NULL,"
                         " name TEXT NOT NULL,"
                         " value REAL)"),  // NULL: NaN (SQLite stores NaN as NULL)
          QStringLiteral("CREATE INDEX points_by_series ON points(stage_id, name, step)"),
          QStringLiteral("CREATE TABLE results("
                         " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                         " split TEXT NOT NULL,"
                         " metric TEXT NOT NULL,"
                         " value REAL,"  // NULL: NaN
                         " UNIQUE(run_id, split, metric))"),
      },
      // Version 2: per-example predictions of every test evaluation, so intervals over test
      // examples (and anything else) can be computed after the run.
      {
          QStringLiteral("CREATE TABLE predictions("
                         " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                         " part TEXT NOT NULL,"       // test | source_test | test_reverse
                         " idx INTEGER NOT NULL,"     // the example's index in that part
                         " text_hash TEXT NOT NULL,"  // sha256 of the example's text(s), hex
                         " gold REAL,"                // label index, score or item index
                         " predicted REAL,"           // the same, as predicted; NULL: NaN
                         " probability REAL,"         // the predicted class's; NULL: none
                         " PRIMARY KEY(run_id, part, idx)) WITHOUT ROWID"),
      },
      // Version 3: the store's own id (checkpoints beside it are tied to it), the process that
      // runs an experiment (a dead owner reads as interrupted) and the file marked as ours.
      {
          QStringLiteral("CREATE TABLE store_info(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
          QStringLiteral("INSERT INTO store_info(key, value) "
                         "VALUES('store_id', lower(hex(randomblob(16))))"),
          QStringLiteral("ALTER TABLE experiments ADD COLUMN owner TEXT"),  // see OwnerProcess
          QStringLiteral("ALTER TABLE experiments ADD COLUMN heartbeat TEXT"),
          QStringLiteral("PRAGMA application_id = %1").arg(kStoreApplicationId),
      },
      // Version 4: what the experiment's settings resolved to where they depend on the machine
      // or on defaults that changed (train.precision auto, train.bucketing), as JSON; a resume
      // trains with them. NULL: written before version 4 (fp32, no bucketing).
      {
          QStringLiteral("ALTER TABLE experiments ADD COLUMN resolved TEXT"),
      },
  };
  return list;
}

}  // namespace

int latestVersion() { return static_cast<int>(migrations().size()); }

int version(const QSqlDatabase& db) {
  return sql::scalar(db, QStringLiteral("PRAGMA user_version")).toInt();
}

void checkNotNewer(const QSqlDatabase& db) {
  const int found = version(db);
  if (found > latestVersion())
    throw InputError(db.databaseName(), 0, 0,
                     QStringLiteral("this run store has schema version %1, newer than the %2 "
                                    "this version of Transfer Workbench knows; update the "
                                    "program or use another database (--db)")
                         .arg(found)
                         .arg(latestVersion()));
}

void migrate(const QSqlDatabase& db) {
  for (int target = 1; target <= latestVersion(); ++target) {
    if (version(db) >= target) continue;
    sql::WriteTransaction transaction(db);
    const int current = version(db);  // another connection may have migrated meanwhile
    if (current > latestVersion()) checkNotNewer(db);
    if (current >= target) continue;  // the destructor rolls the empty transaction back
    for (const QString& statement : migrations()[target - 1]) sql::exec(db, statement);
    sql::exec(db, QStringLiteral("PRAGMA user_version = %1").arg(target));
    transaction.commit();
  }
}

}  // namespace twb::schema

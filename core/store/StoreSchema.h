// StoreSchema: the RunStore's tables as an ordered list of migrations, kept in user_version.
#pragma once

#include <QSqlDatabase>

namespace twb::schema {

// The schema version this code writes; a database with a higher user_version is refused.
int latestVersion();

// The database's PRAGMA user_version (0 for a new file).
int version(const QSqlDatabase& db);

// Throws RunError when the database is newer than latestVersion(). Changes nothing.
void checkNotNewer(const QSqlDatabase& db);

// Applies every migration above the database's version, each in its own write transaction,
// re-reading the version inside it so two connections opening a new file do not race.
void migrate(const QSqlDatabase& db);

}  // namespace twb::schema

// SqlSupport: small helpers of the store's SQL code: run a statement or throw, convert times.
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "common/InputError.h"

namespace twb::sql {

// Thrown instead of RunError when SQLite answered "database is locked" (SQLITE_BUSY or
// SQLITE_LOCKED): another connection held the lock past the busy timeout. Worth a retry.
class Busy : public RunError {
 public:
  using RunError::RunError;
};

// Throws RunError naming what failed, the driver's text and the database file.
[[noreturn]] void fail(const QSqlDatabase& db, const QString& what, const QString& driverText);

// Prepares statement on db; throws RunError on failure.
QSqlQuery prepare(const QSqlDatabase& db, const QString& statement);

// Executes a prepared query (its bound values set); throws RunError (Busy when locked) on failure.
void exec(QSqlQuery& query, const QSqlDatabase& db);

// Executes one statement without parameters and returns the query, positioned before its first
// row; throws RunError on failure.
QSqlQuery exec(const QSqlDatabase& db, const QString& statement);

// The first column of the first row of statement, or an invalid QVariant when there is no row.
QVariant scalar(const QSqlDatabase& db, const QString& statement);

// Timestamps are stored as ISO 8601 UTC text with milliseconds ("2024-05-01T12:00:00.123Z").
QString nowText();
QVariant timeValue(const QDateTime& time);  // NULL for an invalid time
QDateTime timeFrom(const QVariant& value);  // invalid for NULL

// SQLite stores NaN as NULL: a NULL value reads back as NaN.
QVariant realValue(double value);
double realFrom(const QVariant& value);

// Nullable ids: 0 is stored as NULL and read back as 0.
QVariant idValue(qint64 id);

// A write transaction taken at once (BEGIN IMMEDIATE), so it waits on the busy timeout rather
// than failing when another connection writes. Rolls back unless commit() was called.
class WriteTransaction {
 public:
  explicit WriteTransaction(const QSqlDatabase& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  QSqlDatabase db_;
  bool open_ = true;
};

}  // namespace twb::sql

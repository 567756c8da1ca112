#include "store/SqlSupport.h"

#include <QRegularExpression>
#include <QSqlError>
#include <cmath>
#include <limits>

#include "common/InputError.h"

namespace twb::sql {
namespace {

// SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes (busy recovery, snapshot).
bool isBusy(const QSqlError& error) {
  bool ok = false;
  const int code = error.nativeErrorCode().toInt(&ok);
  return ok && ((code & 0xff) == 5 || (code & 0xff) == 6);
}

// What a statement was doing, in words, for a message a user reads (never the SQL text).
QString describe(const QString& statement) {
  static const QRegularExpression pattern(
      QStringLiteral(
          "^\\s*(INSERT(?:\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM|SELECT.*?\\bFROM|"
          "CREATE\\s+\\w+|BEGIN|COMMIT|PRAGMA)\\s*(\\w+)?"),
      QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
  const QRegularExpressionMatch m = pattern.match(statement);
  if (!m.hasMatch()) return QStringLiteral("a query failed");
  const QString verb = m.captured(1).section(QLatin1Char(' '), 0, 0).toUpper();
  const QString table = m.captured(2);
  if (verb == QLatin1String("INSERT")) return QStringLiteral("cannot add to its %1").arg(table);
  if (verb == QLatin1String("UPDATE")) return QStringLiteral("cannot update its %1").arg(table);
  if (verb == QLatin1String("DELETE"))
    return QStringLiteral("cannot delete from its %1").arg(table);
  if (verb == QLatin1String("SELECT")) return QStringLiteral("cannot read its %1").arg(table);
  if (verb == QLatin1String("BEGIN") || verb == QLatin1String("COMMIT"))
    return QStringLiteral("cannot write");
  return QStringLiteral("cannot set up its tables");
}

[[noreturn]] void failQuery(const QSqlDatabase& db, const QString& statement,
                            const QSqlError& error) {
  const QString what = describe(statement);
  // SQLite's own words ("FOREIGN KEY constraint failed", "database or disk is full").
  const QString why = error.databaseText().isEmpty() ? error.text() : error.databaseText();
  if (isBusy(error))
    throw Busy(QStringLiteral("run store %1: %2: %3")
                   .arg(db.databaseName(), what, why.trimmed())
                   .toStdString());
  fail(db, what, why);
}

}  // namespace

void fail(const QSqlDatabase& db, const QString& what, const QString& driverText) {
  const QString message =
      QStringLiteral("run store %1: %2: %3").arg(db.databaseName(), what, driverText.trimmed());
  throw RunError(message.toStdString());
}

QSqlQuery prepare(const QSqlDatabase& db, const QString& statement) {
  QSqlQuery query(db);
  query.setForwardOnly(true);
  if (!query.prepare(statement)) failQuery(db, statement, query.lastError());
  return query;
}

void exec(QSqlQuery& query, const QSqlDatabase& db) {
  if (!query.exec()) failQuery(db, query.lastQuery(), query.lastError());
}

QSqlQuery exec(const QSqlDatabase& db, const QString& statement) {
  QSqlQuery query(db);
  query.setForwardOnly(true);
  if (!query.exec(statement)) failQuery(db, statement, query.lastError());
  return query;
}

QVariant scalar(const QSqlDatabase& db, const QString& statement) {
  QSqlQuery query = exec(db, statement);
  return query.next() ? query.value(0) : QVariant();
}

QString nowText() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

QVariant timeValue(const QDateTime& time) {
  if (!time.isValid()) return QVariant(QMetaType(QMetaType::QString));
  return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFrom(const QVariant& value) {
  if (value.isNull()) return QDateTime();
  return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QVariant realValue(double value) {
  if (std::isnan(value)) return QVariant(QMetaType(QMetaType::Double));
  return value;
}

double realFrom(const QVariant& value) {
  if (value.isNull()) return std::numeric_limits<double>::quiet_NaN();
  return value.toDouble();
}

QVariant idValue(qint64 id) {
  if (id == 0) return QVariant(QMetaType(QMetaType::LongLong));
  return id;
}

WriteTransaction::WriteTransaction(const QSqlDatabase& db) : db_(db) {
  exec(db_, QStringLiteral("BEGIN IMMEDIATE"));
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  QSqlQuery rollback(db_);
  rollback.exec(QStringLiteral("ROLLBACK"));  // best effort: nothing to report from here
}

void WriteTransaction::commit() {
  exec(db_, QStringLiteral("COMMIT"));
  open_ = false;
}

}  // namespace twb::sql

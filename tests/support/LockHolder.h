// LockHolder: another "program" holding a SQLite file's write lock for a while, from a thread.
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QThread>
#include <atomic>
#include <thread>

namespace twb::test {

// Takes the write lock (BEGIN IMMEDIATE) on its own connection before the constructor returns,
// and commits holdMs later; the destructor waits for that.
class LockHolder {
 public:
  LockHolder(const QString& path, int holdMs) {
    thread_ = std::thread([this, path, holdMs] {
      const QString name = QStringLiteral("lock-holder-%1").arg(reinterpret_cast<quintptr>(this));
      {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery query(db);
        locked_ = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
        tried_ = true;
        QThread::msleep(holdMs);
        query.exec(QStringLiteral("COMMIT"));
        query.finish();
        db.close();
      }
      QSqlDatabase::removeDatabase(name);
    });
    while (!tried_) QThread::msleep(5);
  }
  ~LockHolder() { thread_.join(); }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;
  bool locked() const { return locked_; }

 private:
  std::atomic<bool> locked_{false};
  std::atomic<bool> tried_{false};
  std::thread thread_;
};

}  // namespace twb::test

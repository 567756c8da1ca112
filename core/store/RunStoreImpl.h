// RunStoreImpl: the RunStore's private state, shared by its write and read files.
#pragma once

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QThread>
#include <optional>

#include "store/RunStore.h"
#include "store/SqlSupport.h"

namespace twb {

struct RunStore::Impl {
  QString connectionName;  // unique per instance; removed in ~RunStore
  QString path;
  QSqlDatabase db;
  std::optional<QSqlQuery> insertPoint;  // prepared once, reused by addPoints
  int writeWaitMs = 120000;              // how long a write waits for another writer's lock
  qint64 ownedExperiment = 0;            // the experiment this connection runs: its heartbeat
  QElapsedTimer sinceHeartbeat;

  void beat();  // refreshes the owned experiment's heartbeat when it is due

  // Runs one write (f: a transaction or a single statement), retried with back-off while
  // another connection holds the write lock, up to writeWaitMs; then RunError saying so. A
  // failed attempt has rolled back, so a retry never writes anything twice.
  template <typename F>
  auto write(F f) -> decltype(f()) {
    QElapsedTimer waited;
    waited.start();
    int pauseMs = 50;
    for (;;) {
      try {
        if constexpr (std::is_void_v<decltype(f())>) {
          f();
          beat();
          return;
        } else {
          auto result = f();
          beat();
          return result;
        }
      } catch (const sql::Busy&) {
        if (waited.elapsed() >= writeWaitMs) throwLockHeld(waited.elapsed());
        QThread::msleep(pauseMs);
        pauseMs = std::min(pauseMs * 2, 2000);
      }
    }
  }
  [[noreturn]] void throwLockHeld(qint64 waitedMs) const;
};

}  // namespace twb

// RunStoreImpl: the RunStore's private state, shared by its write and read files.
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <optional>

#include "store/RunStore.h"

namespace twb {

struct RunStore::Impl {
  QString connectionName;  // unique per instance; removed in ~RunStore
  QString path;
  QSqlDatabase db;
  std::optional<QSqlQuery> insertPoint;  // prepared once, reused by addPoints
};

}  // namespace twb

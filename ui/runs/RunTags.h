// RunTags: the user's free-text tags of runs, kept in QSettings beside (not inside) the database.
#pragma once

#include <QHash>
#include <QString>

namespace twb {

// The RunStore has no tag table and the UI must not change its schema, so tags live in the
// application's QSettings under "tags/<hash of the database's absolute path>/<run id>": each
// database keeps its own tags, and a copied or moved database file starts without any.
class RunTags {
 public:
  explicit RunTags(const QString& databasePath);

  // "tags/<16 hex digits of the sha256 of the absolute path>".
  static QString groupOf(const QString& databasePath);
  QString group() const { return group_; }

  QHash<qint64, QString> all() const;
  QString tag(qint64 runId) const;
  // A tag is trimmed; an empty one removes the entry.
  void setTag(qint64 runId, const QString& tag);

 private:
  QString group_;
};

}  // namespace twb

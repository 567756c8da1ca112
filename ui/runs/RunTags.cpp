#include "runs/RunTags.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>

namespace twb {

RunTags::RunTags(const QString& databasePath) : group_(groupOf(databasePath)) {}

QString RunTags::groupOf(const QString& databasePath) {
  const QString absolute = QFileInfo(databasePath).absoluteFilePath();
  const QByteArray hash =
      QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
  return QStringLiteral("tags/") + QString::fromLatin1(hash);
}

QHash<qint64, QString> RunTags::all() const {
  QSettings settings;
  settings.beginGroup(group_);
  QHash<qint64, QString> tags;
  for (const QString& key : settings.childKeys()) {
    bool ok = false;
    const qint64 runId = key.toLongLong(&ok);
    if (ok) tags.insert(runId, settings.value(key).toString());
  }
  return tags;
}

QString RunTags::tag(qint64 runId) const {
  return QSettings().value(group_ + QLatin1Char('/') + QString::number(runId)).toString();
}

void RunTags::setTag(qint64 runId, const QString& tag) {
  QSettings settings;
  const QString key = group_ + QLatin1Char('/') + QString::number(runId);
  const QString trimmed = tag.trimmed();
  if (trimmed.isEmpty())
    settings.remove(key);
  else
    settings.setValue(key, trimmed);
}

}  // namespace twb

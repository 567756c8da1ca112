#include "common/DataFolders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QStandardPaths>

namespace twb {
namespace {

const QString kName = QStringLiteral("transfer-workbench");

QMutex& notesMutex() {
  static QMutex mutex;
  return mutex;
}

QStringList& notes() {
  static QStringList list;
  return list;
}

// Moves every entry of old into folder unless folder already has one of that name; removes
// old when it is left empty.
void moveOldFolder(const QString& old, const QString& folder) {
  QDir oldDir(old);
  if (!oldDir.exists()) return;
  QStringList lines;
  const auto entries =
      oldDir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
  for (const QFileInfo& entry : entries) {
    const QString target = QDir(folder).filePath(entry.fileName());
    if (QFileInfo::exists(target)) {
      lines << QStringLiteral("data folder: kept %1 where it is: %2 already exists")
                   .arg(entry.filePath(), target);
    } else if (QDir().rename(entry.filePath(), target)) {
      lines << QStringLiteral("data folder: moved %1 to %2").arg(entry.filePath(), target);
    } else {
      lines << QStringLiteral("data folder: could not move %1 to %2").arg(entry.filePath(), target);
    }
  }
  oldDir.rmdir(old);  // only when empty
  const QMutexLocker lock(&notesMutex());
  notes() << lines;
}

}  // namespace

QString appDataFolder() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                         QLatin1Char('/') + kName;
  QDir().mkpath(folder);
  static const bool moved = [&folder] {
    // Versions before 0.2 let the window's organisation name double the folder.
    moveOldFolder(folder + QLatin1Char('/') + kName, folder);
    return true;
  }();
  static_cast<void>(moved);
  return folder;
}

QString datasetsFolder() {
  const QString fromEnvironment = qEnvironmentVariable("TWB_DATA_DIR");
  if (!fromEnvironment.isEmpty()) return fromEnvironment;
  return appDataFolder() + QStringLiteral("/datasets");
}

QString defaultStorePath() {
  const QString fromEnvironment = qEnvironmentVariable("TWB_DB");
  if (!fromEnvironment.isEmpty()) return fromEnvironment;
  return appDataFolder() + QStringLiteral("/runs.sqlite");
}

QStringList dataFolderNotes() {
  const QMutexLocker lock(&notesMutex());
  return notes();
}

}  // namespace twb

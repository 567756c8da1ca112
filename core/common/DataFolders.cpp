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

// Moves every entry of old into folder, merging folders of one name; an entry folder already
// has a file of that name for is left in old.
void mergeInto(const QString& old, const QString& folder, QStringList* lines) {
  const QDir oldDir(old);
  const auto entries =
      oldDir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
  for (const QFileInfo& entry : entries) {
    const QString target = QDir(folder).filePath(entry.fileName());
    const QFileInfo there(target);
    if (!there.exists()) {
      if (QDir().rename(entry.filePath(), target))
        *lines << QStringLiteral("data folder: moved %1 to %2").arg(entry.filePath(), target);
      else
        *lines
            << QStringLiteral("data folder: could not move %1 to %2").arg(entry.filePath(), target);
    } else if (entry.isDir() && !entry.isSymLink() && there.isDir()) {
      mergeInto(entry.filePath(), target, lines);
      QDir().rmdir(entry.filePath());  // only when it is empty now
    }
  }
}

// What an older window left in old is brought into folder once. What cannot be merged (a
// second run store) is kept together in folder/from-older-window, said once, and never lost.
void moveOldFolder(const QString& old, const QString& folder) {
  if (!QDir(old).exists()) return;
  QStringList lines;
  mergeInto(old, folder, &lines);
  if (!QDir().rmdir(old)) {
    const QString kept = folder + QStringLiteral("/from-older-window");
    if (!QFileInfo::exists(kept) && QDir().rename(old, kept))
      lines << QStringLiteral(
                   "data folder: what an older window kept that is also here is now "
                   "in %1 (its run store: --db %1/runs.sqlite)")
                   .arg(kept);
  }
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

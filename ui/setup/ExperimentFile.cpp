#include "setup/ExperimentFile.h"

#include <QFileInfo>
#include <QSaveFile>

#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"

namespace twb {
namespace {

const QString kRecentKey = QStringLiteral("recentFiles");

QString absolute(const QString& path) { return QFileInfo(path).absoluteFilePath(); }

}  // namespace

OpenedExperiment openExperimentFile(const QString& path) {
  OpenedExperiment opened;
  try {
    opened.spec = loadExperiment(path);
  } catch (const InputError& error) {
    opened.error = error;
  }
  return opened;
}

QString describeInputError(const InputError& error) {
  QString where = error.file();
  if (error.line() > 0) {
    where += QStringLiteral(":%1").arg(error.line());
    if (error.column() > 0) where += QStringLiteral(":%1").arg(error.column());
  }
  return where.isEmpty() ? error.message() : where + QStringLiteral(": ") + error.message();
}

bool saveExperimentFile(const ExperimentSpec& spec, const QString& path, QString* error) {
  const QString target = absolute(path);
  const QString yaml = experimentToYaml(spec, QFileInfo(target).absolutePath());
  try {
    parseExperiment(yaml, target);
  } catch (const InputError& rejected) {
    if (error) *error = QObject::tr("The experiment is not valid: %1").arg(rejected.message());
    return false;
  }
  QSaveFile file(target);
  const QByteArray bytes = yaml.toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QObject::tr("Cannot write %1: %2").arg(target, file.errorString());
    return false;
  }
  return true;
}

RecentFiles::RecentFiles(QSettings* settings)
    : owned_(settings ? nullptr : std::make_unique<QSettings>()),
      settings_(settings ? settings : owned_.get()) {}

RecentFiles::~RecentFiles() = default;

QStringList RecentFiles::files() const {
  QStringList result;
  for (const QString& path : settings_->value(kRecentKey).toStringList())
    if (QFileInfo::exists(path) && !result.contains(path) && result.size() < kMax) result << path;
  return result;
}

void RecentFiles::add(const QString& path) {
  QStringList list = files();
  const QString file = absolute(path);
  list.removeAll(file);
  list.prepend(file);
  write(list);
}

void RecentFiles::remove(const QString& path) {
  QStringList list = files();
  list.removeAll(absolute(path));
  write(list);
}

void RecentFiles::clear() { write({}); }

void RecentFiles::write(const QStringList& files) {
  settings_->setValue(kRecentKey, files.mid(0, kMax));
}

}  // namespace twb

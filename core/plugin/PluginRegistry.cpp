#include "plugin/PluginRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>
#include <QRegularExpression>

#include "common/DataFolders.h"
#include "common/Vocabulary.h"
#include "plugin/BuiltInTasks.h"

namespace twb {
namespace {

const QString kDataSource = QStringLiteral("data source");
const QString kTask = QStringLiteral("task");

bool validName(const QString& name) {
  static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
  return pattern.match(name).hasMatch();
}

// "org.transfer-workbench.Task/1" -> 1; 0 when iid is not a workbench interface's.
int sdkVersionOf(const QString& iid) {
  if (!iid.startsWith(QLatin1String(TWB_SDK_IID_PREFIX))) return 0;
  return iid.section(QLatin1Char('/'), -1).toInt();
}

// What is wrong with a task's declarations, or "": an output outside the enum, a label set with
// an empty or repeated name.
QString taskProblem(const sdk::Task& task) {
  const sdk::Output output = task.output();
  if (output != sdk::Output::Labels && output != sdk::Output::Score)
    return QStringLiteral("its output() is %1, neither Labels nor Score").arg(int(output));
  QStringList seen;
  for (const QString& label : task.labels()) {
    if (label.trimmed().isEmpty()) return QStringLiteral("its labels() hold an empty name");
    if (seen.contains(label)) return QStringLiteral("its labels() hold '%1' twice").arg(label);
    seen << label;
  }
  return QString();
}

// Runs describe (which asks the plugin for its name and declarations); a plugin that throws is
// refused, named, instead of taking the process down.
template <class Fn>
QString describeSafely(Fn describe) {
  try {
    return describe();
  } catch (const std::exception& e) {
    return QStringLiteral("it threw while describing itself: %1").arg(QString::fromUtf8(e.what()));
  } catch (...) {
    return QStringLiteral("it threw while describing itself");
  }
}

}  // namespace

struct PluginRegistry::Impl {
  QList<QPluginLoader*> loaders;  // kept loaded for the process's life
  QList<QPair<QString, const sdk::DataSource*>> sources;
  QList<QPair<QString, const sdk::Task*>> tasks;
};

PluginRegistry::PluginRegistry() : d_(std::make_unique<Impl>()) {
  // A folder named in TWB_PLUGIN_PATH that cannot be searched is said, not skipped silently.
  for (const QString& named :
       qEnvironmentVariable("TWB_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
    const QFileInfo info(named);
    if (!info.isDir())
      records_ << PluginRecord{named, QString(), QString(), QString(),
                               info.exists() ? QStringLiteral("TWB_PLUGIN_PATH names a file, not "
                                                              "a folder")
                                             : QStringLiteral("TWB_PLUGIN_PATH names a folder "
                                                              "that does not exist")};
  }
  for (const QString& folder : pluginFolders()) {
    const QDir dir(folder);
    if (!QFileInfo(folder).isReadable() || !QFileInfo(folder).isExecutable()) {
      records_ << PluginRecord{folder, QString(), QString(), QString(),
                               QStringLiteral("the folder cannot be read")};
      continue;
    }
    for (const QFileInfo& file :
         dir.entryInfoList({QStringLiteral("*.so")}, QDir::Files, QDir::Name))
      loadFile(file.absoluteFilePath());
  }
}

PluginRegistry::~PluginRegistry() = default;

const PluginRegistry& PluginRegistry::instance() {
  static const PluginRegistry registry;
  return registry;
}

QStringList PluginRegistry::pluginFolders() {
  // The folders a developer names come first, so a fresh build wins over an installed copy.
  QStringList candidates =
      qEnvironmentVariable("TWB_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
  if (QCoreApplication::instance())
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/twb/plugins");
  candidates << QStringLiteral(TWB_PLUGIN_BUILD_DIR);
  candidates << appDataFolder() + QStringLiteral("/plugins");
  QStringList folders;
  for (const QString& candidate : candidates) {
    const QString canonical = QFileInfo(candidate).canonicalFilePath();
    if (!canonical.isEmpty() && QFileInfo(canonical).isDir() && !folders.contains(canonical))
      folders << canonical;
  }
  return folders;
}

QString PluginRegistry::clash(const QString& kind, const QString& name) const {
  if (!validName(name))
    return QStringLiteral("its %1 name '%2' must be lower case letters, digits and '-'")
        .arg(kind, name);
  const bool source = kind == kDataSource;
  // "text" is the pseudo-task pretraining text is read with.
  const QStringList own =
      source ? vocab::fileFormats() : vocab::builtInTasks() + QStringList{QStringLiteral("text")};
  if (own.contains(name))
    return QStringLiteral("its %1 name '%2' is the workbench's own").arg(kind, name);
  for (const PluginRecord& record : records_)
    if (record.problem.isEmpty() && record.kind == kind && record.name == name)
      return QStringLiteral("%1 '%2' is already added by %3").arg(kind, name, record.path);
  return QString();
}

void PluginRegistry::loadFile(const QString& file) {
  auto* loader = new QPluginLoader(file);
  // Every symbol is resolved at load, so a plugin missing a function is refused here rather
  // than ending the process when the function is first called.
  loader->setLoadHints(QLibrary::ResolveAllSymbolsHint);
  const QJsonObject meta = loader->metaData();
  const QString iid = meta.value(QStringLiteral("IID")).toString();
  PluginRecord refused{file, QString(), QString(), QString(), QString()};
  if (iid.isEmpty()) {
    delete loader;
    // The sentencepiece module shares the install's folder; anything else is named.
    if (QFileInfo(file).fileName() == QLatin1String("twb_sentencepiece.so")) return;
    refused.problem = QStringLiteral(
        "not a Qt plugin (no plugin metadata: truncated, or built "
        "without Q_PLUGIN_METADATA?)");
    records_ << refused;
    return;
  }
  const int version = sdkVersionOf(iid);
  if (version == 0) {
    refused.problem = QStringLiteral("a Qt plugin of another program (%1)").arg(iid);
  } else if (version != TWB_SDK_VERSION) {
    refused.problem = QStringLiteral(
                          "built against plugin SDK %1, but this workbench has SDK %2: "
                          "rebuild it against this version's headers")
                          .arg(version)
                          .arg(TWB_SDK_VERSION);
  }
  QObject* object = refused.problem.isEmpty() ? loader->instance() : nullptr;
  if (refused.problem.isEmpty() && !object)
    refused.problem = QStringLiteral("it cannot be loaded: %1").arg(loader->errorString());
  const auto* source = object ? qobject_cast<sdk::DataSource*>(object) : nullptr;
  const auto* task = object ? qobject_cast<sdk::Task*>(object) : nullptr;
  if (object && !source && !task)
    refused.problem = QStringLiteral("it implements neither DataSource nor Task (IID %1)").arg(iid);
  if (!refused.problem.isEmpty()) {
    records_ << refused;
    delete loader;
    return;
  }
  d_->loaders << loader;
  if (source) {
    PluginRecord record{file, kDataSource, QString(), QString(), QString()};
    record.problem = describeSafely([&] {
      record.name = source->name();
      record.description = source->description();
      return QString();
    });
    if (record.problem.isEmpty()) record.problem = clash(kDataSource, record.name);
    if (record.problem.isEmpty()) d_->sources.append({record.name, source});
    records_ << record;
  }
  if (task) {
    PluginRecord record{file, kTask, QString(), QString(), QString()};
    record.problem = describeSafely([&] {
      record.name = task->name();
      record.description = task->description();
      return taskProblem(*task);
    });
    if (record.problem.isEmpty()) record.problem = clash(kTask, record.name);
    if (record.problem.isEmpty()) d_->tasks.append({record.name, task});
    records_ << record;
  }
}

const sdk::DataSource* PluginRegistry::dataSource(const QString& name) const {
  for (const auto& [key, source] : d_->sources)
    if (key == name) return source;
  return nullptr;
}

const sdk::Task* PluginRegistry::task(const QString& name) const {
  for (const sdk::Task* task : supervisedBuiltIns())
    if (task->name() == name) return task;
  for (const auto& [key, task] : d_->tasks)
    if (key == name) return task;
  return nullptr;
}

QStringList PluginRegistry::dataSourceNames() const {
  QStringList names;
  for (const auto& entry : d_->sources) names << entry.first;
  return names;
}

QStringList PluginRegistry::taskNames() const {
  QStringList names;
  for (const auto& entry : d_->tasks) names << entry.first;
  return names;
}

bool taskPredictsLabels(const QString& task) {
  const sdk::Task* found = PluginRegistry::instance().task(task);
  return found && found->output() == sdk::Output::Labels;
}

bool taskPredictsScores(const QString& task) {
  const sdk::Task* found = PluginRegistry::instance().task(task);
  return found && found->output() == sdk::Output::Score;
}

QStringList supervisedTaskNames() {
  QStringList names;
  for (const QString& task : vocab::builtInTasks() + PluginRegistry::instance().taskNames())
    if (taskPredictsLabels(task) || taskPredictsScores(task)) names << task;
  return names;
}

}  // namespace twb

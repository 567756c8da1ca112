#include "plugin/PluginRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QPluginLoader>
#include <QRegularExpression>

#include "common/DataFolders.h"
#include "common/Vocabulary.h"

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

}  // namespace

struct PluginRegistry::Impl {
  QList<QPluginLoader*> loaders;  // kept loaded for the process's life
  QList<QPair<QString, const sdk::DataSource*>> sources;
  QList<QPair<QString, const sdk::Task*>> tasks;
};

PluginRegistry::PluginRegistry() : d_(std::make_unique<Impl>()) {
  for (const QString& folder : pluginFolders()) {
    const QDir dir(folder);
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
  QStringList candidates;
  if (QCoreApplication::instance())
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/twb/plugins");
  candidates << QStringLiteral(TWB_PLUGIN_BUILD_DIR);
  candidates << appDataFolder() + QStringLiteral("/plugins");
  const QString extra = qEnvironmentVariable("TWB_PLUGIN_PATH");
  candidates << extra.split(QLatin1Char(':'), Qt::SkipEmptyParts);
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
  if ((source ? vocab::fileFormats() : vocab::builtInTasks()).contains(name))
    return QStringLiteral("its %1 name '%2' is the workbench's own").arg(kind, name);
  for (const PluginRecord& record : records_)
    if (record.problem.isEmpty() && record.kind == kind && record.name == name)
      return QStringLiteral("%1 '%2' is already added by %3").arg(kind, name, record.path);
  return QString();
}

void PluginRegistry::loadFile(const QString& file) {
  auto* loader = new QPluginLoader(file);
  const QJsonObject meta = loader->metaData();
  const QString iid = meta.value(QStringLiteral("IID")).toString();
  PluginRecord refused{file, QString(), QString(), QString(), QString()};
  if (iid.isEmpty()) {
    delete loader;  // the sentencepiece module, or a library that is not a Qt plugin: not ours
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
    PluginRecord record{file, kDataSource, source->name(), source->description(), QString()};
    record.problem = clash(kDataSource, record.name);
    if (record.problem.isEmpty()) d_->sources.append({record.name, source});
    records_ << record;
  }
  if (task) {
    PluginRecord record{file, kTask, task->name(), task->description(), QString()};
    record.problem = clash(kTask, record.name);
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
  if (task == QLatin1String("classification") || task == QLatin1String("sentiment")) return true;
  const sdk::Task* plugin = PluginRegistry::instance().task(task);
  return plugin && plugin->output() == sdk::Output::Labels;
}

bool taskPredictsScores(const QString& task) {
  if (task == QLatin1String("similarity")) return true;
  const sdk::Task* plugin = PluginRegistry::instance().task(task);
  return plugin && plugin->output() == sdk::Output::Score;
}

QStringList supervisedTaskNames() {
  QStringList names;
  for (const QString& task : vocab::builtInTasks() + PluginRegistry::instance().taskNames())
    if (taskPredictsLabels(task) || taskPredictsScores(task)) names << task;
  return names;
}

}  // namespace twb

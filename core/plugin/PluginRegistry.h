// PluginRegistry: the data sources and tasks that Qt plugins add, found once per process in the
// plugin folders, with what was refused and why.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

#include "twb/sdk/DataSource.h"
#include "twb/sdk/Task.h"

namespace twb {

struct PluginRecord {
  QString path;
  QString kind;  // "data source" or "task"; empty for a file that was refused
  QString name;  // the format or task name it adds
  QString description;
  QString problem;  // why the file was refused; empty when it was loaded
};

class PluginRegistry {
 public:
  // The registry of this process: plugins are looked for on first use, in pluginFolders().
  static const PluginRegistry& instance();
  // Each folder of TWB_PLUGIN_PATH (':'-separated), the install's lib/twb/plugins (beside
  // bin/), the build tree's, the user's data folder plugins/; existing ones, once each.
  static QStringList pluginFolders();

  const sdk::DataSource* dataSource(const QString& name) const;  // nullptr when none
  // A task by name: a built-in one (plugin/BuiltInTasks.h) or a plugin's; nullptr when none.
  const sdk::Task* task(const QString& name) const;
  QStringList dataSourceNames() const;
  QStringList taskNames() const;  // the plugins' tasks only
  const QList<PluginRecord>& records() const { return records_; }

  PluginRegistry();
  ~PluginRegistry();

 private:
  void loadFile(const QString& file);
  QString clash(const QString& kind, const QString& name) const;

  struct Impl;
  std::unique_ptr<Impl> d_;
  QList<PluginRecord> records_;
};

// What a task name asks the model for: labels (classification), scores (similarity) or neither
// (retrieval, translation-pair are built in; an unknown name is neither).
bool taskPredictsLabels(const QString& task);
bool taskPredictsScores(const QString& task);
// The tasks a model is trained on, built-in then plugins': what the window's forms offer.
QStringList supervisedTaskNames();

}  // namespace twb

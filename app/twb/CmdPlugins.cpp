// twb plugins: the data sources and tasks that plugins add, where each came from, what was refused.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "Commands.h"
#include "common/Vocabulary.h"
#include "plugin/PluginRegistry.h"

namespace twb::cli {

int plugins(const QStringList& args) {
  const bool json = args == QStringList{QStringLiteral("--json")};
  if (!args.isEmpty() && !json) {
    QTextStream(stderr) << "usage: twb plugins [--json]\n";
    return kBadInput;
  }
  const PluginRegistry& registry = PluginRegistry::instance();
  QTextStream out(stdout);
  if (json) {
    QJsonArray records;
    for (const PluginRecord& r : registry.records())
      records.append(QJsonObject{{QStringLiteral("path"), r.path},
                                 {QStringLiteral("kind"), r.kind},
                                 {QStringLiteral("name"), r.name},
                                 {QStringLiteral("description"), r.description},
                                 {QStringLiteral("loaded"), r.problem.isEmpty()},
                                 {QStringLiteral("problem"), r.problem}});
    out << QJsonDocument(QJsonObject{{QStringLiteral("sdk"), TWB_SDK_VERSION},
                                     {QStringLiteral("folders"),
                                      QJsonArray::fromStringList(PluginRegistry::pluginFolders())},
                                     {QStringLiteral("plugins"), records}})
               .toJson(QJsonDocument::Indented);
    return kOk;
  }
  out << "plugin SDK " << TWB_SDK_VERSION << "; built in: tasks "
      << vocab::builtInTasks().join(QStringLiteral(", ")) << "; formats "
      << vocab::fileFormats().join(QStringLiteral(", ")) << "\n";
  out << "looked in: "
      << (PluginRegistry::pluginFolders().isEmpty()
              ? QStringLiteral("(no plugin folder exists)")
              : PluginRegistry::pluginFolders().join(QStringLiteral(", ")))
      << "\n";
  if (registry.records().isEmpty()) out << "no plugins\n";
  for (const PluginRecord& r : registry.records()) {
    if (r.problem.isEmpty())
      out << r.kind << " " << r.name << ": " << r.description << "\n  from " << r.path << "\n";
    else
      out << "refused " << r.path << ": " << r.problem << "\n";
  }
  return kOk;
}

}  // namespace twb::cli

#include "text/PluginLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QMutex>
#include <map>
#include <memory>

#include "common/InputError.h"

namespace twb {

QStringList pluginDirs() {
  QStringList dirs;
  const QString env = qEnvironmentVariable("TWB_PLUGIN_DIR");
  if (!env.isEmpty()) dirs << env;
  if (QCoreApplication::instance())
    dirs << QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/twb/plugins");
  dirs << QStringLiteral(TWB_PLUGIN_BUILD_DIR);
  return dirs;
}

QLibrary& loadPlugin(const QString& name) {
  static QMutex mutex;
  static std::map<QString, std::unique_ptr<QLibrary>> loaded;
  QMutexLocker lock(&mutex);
  if (auto it = loaded.find(name); it != loaded.end()) return *it->second;

  QStringList tried;
  for (const QString& dir : pluginDirs()) {
    const QString path = QDir(dir).filePath(name + QStringLiteral(".so"));
    tried << path;
    if (!QFileInfo::exists(path)) continue;
    auto library = std::make_unique<QLibrary>(path);
    // sentencepiece embeds its own protobuf: keep its symbols away from libtorch's.
    library->setLoadHints(QLibrary::DeepBindHint);
    if (!library->load())
      throw RunError(QStringLiteral("cannot load plugin %1: %2")
                         .arg(path, library->errorString())
                         .toStdString());
    return *loaded.emplace(name, std::move(library)).first->second;
  }
  throw RunError(QStringLiteral("plugin %1 not found; looked for %2 (set TWB_PLUGIN_DIR)")
                     .arg(name, tried.join(QStringLiteral(", ")))
                     .toStdString());
}

}  // namespace twb

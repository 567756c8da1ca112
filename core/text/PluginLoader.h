// PluginLoader: finds the workbench's run-time plugins and resolves their C entry points.
#pragma once

#include <QString>
#include <QStringList>

class QLibrary;

namespace twb {

// Folders searched, in order: $TWB_PLUGIN_DIR, <app dir>/../lib/twb/plugins, the build tree's.
QStringList pluginDirs();
// Loads plugin `name` (file name without suffix) with RTLD_LOCAL | RTLD_DEEPBIND, once per
// process; throws RunError listing the folders searched when it is not found or fails to load.
QLibrary& loadPlugin(const QString& name);

}  // namespace twb

#include "hub/HubSettings.h"

#include <QDir>
#include <QFile>

namespace twb {
namespace {

// "~" and "~/..." as the shell (and Python's expanduser) read them.
QString expandHome(const QString& path, const QString& home) {
  if (path == QLatin1String("~")) return home;
  if (path.startsWith(QLatin1String("~/"))) return home + path.mid(1);
  return path;
}

bool isTruthy(const QString& value) {
  const QString v = value.trimmed().toLower();
  return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes") ||
         v == QLatin1String("on");
}

QString readToken(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return QString();
  return QString::fromUtf8(file.read(4096)).trimmed();
}

}  // namespace

HubSettings HubSettings::fromEnvironment() {
  return fromEnvironment(QProcessEnvironment::systemEnvironment());
}

HubSettings HubSettings::fromEnvironment(const QProcessEnvironment& environment) {
  const QString home = environment.value(QStringLiteral("HOME"), QDir::homePath());
  // The first variable that is set and not empty, with "~" expanded.
  const auto first = [&](std::initializer_list<const char*> names) {
    for (const char* name : names) {
      const QString value = environment.value(QLatin1String(name)).trimmed();
      if (!value.isEmpty()) return expandHome(value, home);
    }
    return QString();
  };

  HubSettings settings;
  QString endpoint = first({"HF_ENDPOINT"});
  while (endpoint.endsWith(QLatin1Char('/'))) endpoint.chop(1);
  if (!endpoint.isEmpty()) settings.endpoint = endpoint;

  QString hfHome = first({"HF_HOME"});
  if (hfHome.isEmpty()) {
    const QString xdg = first({"XDG_CACHE_HOME"});
    hfHome = QDir(xdg.isEmpty() ? home + QStringLiteral("/.cache") : xdg)
                 .filePath(QStringLiteral("huggingface"));
  }
  // HUGGINGFACE_HUB_CACHE and HUGGING_FACE_HUB_TOKEN are the older names the tools still read.
  settings.cacheDir = first({"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"});
  if (settings.cacheDir.isEmpty()) settings.cacheDir = QDir(hfHome).filePath(QStringLiteral("hub"));
  settings.cacheDir = QDir::cleanPath(settings.cacheDir);

  settings.tokenFile = first({"HF_TOKEN_PATH"});
  if (settings.tokenFile.isEmpty())
    settings.tokenFile = QDir(hfHome).filePath(QStringLiteral("token"));
  settings.tokenFile = QDir::cleanPath(settings.tokenFile);
  settings.token = environment.value(QStringLiteral("HF_TOKEN")).trimmed();
  if (settings.token.isEmpty())
    settings.token = environment.value(QStringLiteral("HUGGING_FACE_HUB_TOKEN")).trimmed();
  if (settings.token.isEmpty()) settings.token = readToken(settings.tokenFile);

  settings.offline = isTruthy(environment.value(QStringLiteral("HF_HUB_OFFLINE")));
  return settings;
}

}  // namespace twb

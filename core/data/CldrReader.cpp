#include "data/CldrReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>

#include "common/InputError.h"
#include "data/LanguageCodes.h"
#include "data/VersionChoice.h"

namespace twb {
namespace {

struct LocaleNames {
  QString locale;
  int subtags = 0;                   // territory, script, variant present
  std::map<QString, QString> names;  // emoji -> tts name
};

void note(QStringList* notes, const QString& line) {
  if (notes) *notes << line;
}

bool better(const LocaleNames& a, const LocaleNames& b) {
  if (a.names.size() != b.names.size()) return a.names.size() > b.names.size();
  if (a.subtags != b.subtags) return a.subtags < b.subtags;
  return a.locale < b.locale;
}

// Reads one annotations.json; the language's code is returned in code (empty for root).
LocaleNames readLocale(const QString& path, const QString& locale, QString& code) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read it: %1").arg(file.errorString()));
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError || !document.isObject())
    throw InputError(path, 0, 0, QStringLiteral("not JSON: %1").arg(error.errorString()));
  const QJsonObject top = document.object().value(QStringLiteral("annotations")).toObject();
  const QJsonObject identity = top.value(QStringLiteral("identity")).toObject();
  LocaleNames result;
  result.locale = locale;
  for (const char* subtag : {"territory", "script", "variant"})
    if (identity.contains(QLatin1String(subtag))) ++result.subtags;
  code = languageCode(identity.value(QStringLiteral("language")).toString(locale));
  const QJsonObject annotations = top.value(QStringLiteral("annotations")).toObject();
  for (auto it = annotations.begin(); it != annotations.end(); ++it) {
    const QJsonArray tts = it.value().toObject().value(QStringLiteral("tts")).toArray();
    const QString name = tts.isEmpty() ? QString() : tts.first().toString().trimmed();
    if (!name.isEmpty()) result.names[it.key()] = name;
  }
  return result;
}

}  // namespace

ParallelCorpus readCldrNames(const QString& annotationsFolder, QStringList* notes) {
  std::map<QString, LocaleNames> chosen;  // language -> its locale
  int found = 0;
  const QStringList locales =
      QDir(annotationsFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  for (const QString& locale : locales) {
    const QString path =
        QDir(annotationsFolder).filePath(locale + QStringLiteral("/annotations.json"));
    if (!QFile::exists(path)) continue;
    ++found;
    QString code;
    LocaleNames candidate;
    try {
      candidate = readLocale(path, locale, code);
    } catch (const InputError& error) {
      note(notes, QStringLiteral("%1: left out: %2").arg(locale, error.message()));
      continue;
    }
    if (code.isEmpty()) {
      note(notes, QStringLiteral("%1: no language (the root locale)").arg(locale));
      continue;
    }
    if (candidate.names.empty()) {
      note(notes, QStringLiteral("%1: no names").arg(locale));
      continue;
    }
    keepBestVersion(
        chosen, code, std::move(candidate), better, [](const LocaleNames& v) { return v.locale; },
        [](const LocaleNames& v) { return QStringLiteral("%1 names").arg(v.names.size()); }, notes);
  }
  if (found == 0)
    throw RunError(QStringLiteral("%1: no <locale>/annotations.json (has the package changed?)")
                       .arg(annotationsFolder)
                       .toStdString());

  ParallelCorpus corpus;
  if (chosen.find(corpus.pivot) == chosen.end())
    throw RunError(QStringLiteral("%1: no English names (has the package changed?)")
                       .arg(annotationsFolder)
                       .toStdString());
  for (const auto& [code, locale] : chosen) {
    const QString name = languageName(code);
    if (!name.isEmpty()) corpus.names[code] = name;
    for (const auto& [emoji, text] : locale.names) addParallelText(corpus, code, emoji, text);
  }
  return corpus;
}

}  // namespace twb

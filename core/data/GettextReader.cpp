#include "data/GettextReader.h"

#include <QDir>
#include <QFile>
#include <map>

#include "common/InputError.h"
#include "data/LanguageCodes.h"
#include "data/VersionChoice.h"

namespace twb {
namespace {

struct LocaleCatalog {
  QString locale;
  MoCatalog catalog;
  int translated = 0;
};

void note(QStringList* notes, const QString& line) {
  if (notes) *notes << line;
}

// True when a should be kept over b for the same language.
bool better(const LocaleCatalog& a, const LocaleCatalog& b) {
  if (a.translated != b.translated) return a.translated > b.translated;
  if (a.locale.size() != b.locale.size()) return a.locale.size() < b.locale.size();
  return a.locale < b.locale;
}

}  // namespace

QString gettextKey(const MoMessage& message) {
  return message.context.isEmpty() ? message.source
                                   : message.context + QLatin1Char('\x04') + message.source;
}

ParallelCorpus readGettextCorpus(const QString& localeFolder, const QString& domain,
                                 QStringList* notes) {
  const QString fileName = domain + QStringLiteral(".mo");
  std::map<QString, LocaleCatalog> chosen;  // language -> its locale
  int found = 0;
  const QStringList locales =
      QDir(localeFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  for (const QString& locale : locales) {
    const QString path =
        QDir(localeFolder).filePath(locale + QStringLiteral("/LC_MESSAGES/") + fileName);
    QFile file(path);
    if (!file.exists()) continue;
    ++found;
    const QString code = languageCode(locale);
    if (code.isEmpty()) {
      note(notes, QStringLiteral("%1: not a language code").arg(locale));
      continue;
    }
    if (code == QLatin1String("en")) {
      note(notes, QStringLiteral("%1: English, which the source strings already are").arg(locale));
      continue;
    }
    LocaleCatalog candidate;
    candidate.locale = locale;
    try {
      if (!file.open(QIODevice::ReadOnly))
        throw InputError(path, 0, 0, QStringLiteral("cannot read it: %1").arg(file.errorString()));
      candidate.catalog = parseMo(file.readAll(), path);
    } catch (const InputError& error) {
      note(notes, QStringLiteral("%1: left out: %2").arg(locale, error.message()));
      continue;
    }
    for (const MoMessage& message : candidate.catalog.messages)
      if (!message.translation.trimmed().isEmpty()) ++candidate.translated;
    keepBestVersion(
        chosen, code, std::move(candidate), better, [](const LocaleCatalog& v) { return v.locale; },
        [](const LocaleCatalog& v) { return QStringLiteral("%1 strings").arg(v.translated); },
        notes);
  }
  if (found == 0)
    throw RunError(QStringLiteral("%1: no locale holds LC_MESSAGES/%2 (has the package changed?)")
                       .arg(localeFolder, fileName)
                       .toStdString());

  ParallelCorpus corpus;
  corpus.names[corpus.pivot] = languageName(corpus.pivot);
  for (const auto& [code, locale] : chosen) {
    const QString name = languageName(code);
    if (!name.isEmpty()) corpus.names[code] = name;
    for (const MoMessage& message : locale.catalog.messages) {
      if (message.translation.trimmed().isEmpty()) continue;
      const QString key = gettextKey(message);
      addParallelText(corpus, code, key, message.translation);
      addParallelText(corpus, corpus.pivot, key, message.source);
    }
  }
  return corpus;
}

}  // namespace twb

// `twb datasets`: lists the catalog, fetches datasets into the cache, shows one entry.
#include <QDateTime>
#include <QTextStream>
#include <algorithm>

#include "Commands.h"
#include "DataCommandOptions.h"
#include "common/InputError.h"
#include "data/Catalog.h"
#include "data/LanguageCodes.h"

namespace twb::cli {
namespace {

const char* kUsage =
    "usage: twb datasets [--data-dir DIR] list\n"
    "       twb datasets [--data-dir DIR] fetch ID [ID...]\n"
    "       twb datasets [--data-dir DIR] show ID\n"
    "The data folder defaults to $TWB_DATA_DIR, else the user's data folder.\n";

using Options = DataCommandOptions;

// Prints rows as left-aligned columns, numbers right-aligned.
void printTable(QTextStream& out, const QVector<QStringList>& rows, const QVector<bool>& right) {
  QVector<qsizetype> widths(rows.front().size(), 0);
  for (const QStringList& row : rows)
    for (qsizetype c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  for (const QStringList& row : rows) {
    QString line;
    for (qsizetype c = 0; c < row.size(); ++c) {
      const int width = static_cast<int>(widths[c]);
      const QString cell = right[c] ? row[c].rightJustified(width) : row[c].leftJustified(width);
      line += (c ? QStringLiteral("  ") : QString()) + cell;
    }
    out << line.trimmed() << '\n';
  }
}

// "yes", "no", or "stale" for a cache written by an older converter (converted again on use).
QString fetchedState(const Catalog& catalog, const QString& id) {
  if (catalog.isFetched(id)) return QStringLiteral("yes");
  return cacheExists(catalog.cachePath(id)) ? QStringLiteral("stale") : QStringLiteral("no");
}

int list(const Catalog& catalog, QTextStream& out) {
  QVector<QStringList> rows{{QStringLiteral("id"), QStringLiteral("task"), QStringLiteral("domain"),
                             QStringLiteral("languages"), QStringLiteral("examples"),
                             QStringLiteral("fetched")}};
  for (const CatalogEntry& entry : Catalog::entries()) {
    const auto meta = catalog.cacheMeta(entry.id);
    QString languages = entry.languages.join(QLatin1Char(','));
    if (Catalog::isParallel(entry.id)) {
      const auto parallel = catalog.parallelMeta(entry.id);
      languages = QStringLiteral("%1 languages")
                      .arg(parallel ? parallel->languages.size() : entry.languages.size());
    }
    rows << QStringList{entry.id,
                        entry.task,
                        entry.domain,
                        languages,
                        QString::number(meta ? meta->count : entry.examples),
                        fetchedState(catalog, entry.id)};
  }
  printTable(out, rows, {false, false, false, false, true, false});
  out << "data folder: " << catalog.dataDir() << '\n';
  return kOk;
}

// Fails with exit status 2 naming the nearest id when one of ids is unknown.
bool checkIds(const QStringList& ids, QTextStream& err) {
  for (const QString& id : ids) {
    if (Catalog::find(id)) continue;
    err << "twb datasets: " << Catalog::unknownIdMessage(id) << '\n';
    return false;
  }
  return true;
}

int fetch(const Catalog& catalog, const QStringList& ids, QTextStream& err) {
  if (ids.isEmpty()) {
    err << "twb datasets fetch: name at least one dataset id (see `twb datasets list`)\n";
    return kBadInput;
  }
  if (!checkIds(ids, err)) return kBadInput;
  const QDateTime started = QDateTime::currentDateTimeUtc().addSecs(-1);
  for (const QString& id : ids) {
    // An earlier id of this command may have brought this one with the same package.
    const auto meta = catalog.cacheMeta(id);
    if (meta && meta->fetched.isValid() && meta->fetched >= started) {
      err << "[" << id << "] fetched with the same package: " << meta->count << " examples\n";
      continue;
    }
    try {
      catalog.fetch(id, [&](const QString& line, double fraction) {
        err << "[" << id << "] ";
        if (fraction >= 0) err << QString::number(qRound(fraction * 100)).rightJustified(3) << "% ";
        err << line << '\n';
        err.flush();
      });
    } catch (const InputError& error) {
      err << "twb datasets fetch: " << error.what() << '\n';
      return kBadInput;
    } catch (const RunError& error) {
      err << "twb datasets fetch: " << id << ": " << error.what() << '\n';
      return kRunFailed;
    }
  }
  return kOk;
}

// A parallel corpus: its languages (code, name, texts), most texts first, and the totals.
void showParallel(const Catalog& catalog, const CatalogEntry& entry, QTextStream& out) {
  const auto meta = catalog.parallelMeta(entry.id);
  QVector<ParallelLanguageMeta> languages;
  if (meta) {
    languages = meta->languages;
  } else {
    for (const QString& code : entry.languages) {
      ParallelLanguageMeta language;
      language.code = code;
      language.name = languageName(code);
      languages.push_back(language);
    }
  }
  std::stable_sort(languages.begin(), languages.end(),
                   [](const ParallelLanguageMeta& a, const ParallelLanguageMeta& b) {
                     return a.count > b.count;
                   });
  if (meta) {
    out << "texts:      " << meta->count << " in " << meta->languages.size() << " languages ("
        << meta->duplicatesDropped << " repeated texts dropped), aligned with " << meta->pivot
        << '\n';
  } else {
    out << "texts:      " << entry.examples << " in " << entry.languages.size()
        << " languages (expected; not fetched yet)\n";
  }
  out << "licence:    " << entry.licence << '\n';
  out << "origin:     " << entry.origin << '\n';
  out << "cache:      " << catalog.cachePath(entry.id);
  if (meta)
    out << " (fetched " << meta->fetched.toLocalTime().toString(Qt::ISODate) << " from "
        << meta->archive << ")\n";
  else
    out << " (not fetched: `twb datasets fetch " << entry.id << "`)\n";
  out << '\n' << entry.description << '\n' << '\n';
  QVector<QStringList> rows{{QStringLiteral("code"), QStringLiteral("language"),
                             QStringLiteral("texts"), QStringLiteral("dropped")}};
  for (const ParallelLanguageMeta& language : languages)
    rows << QStringList{language.code,
                        language.name.isEmpty() ? QStringLiteral("-") : language.name,
                        meta ? QString::number(language.count) : QStringLiteral("-"),
                        meta ? QString::number(language.duplicatesDropped) : QStringLiteral("-")};
  printTable(out, rows, {false, false, true, true});
  if (meta) {
    int atLeast50 = 0;
    for (const ParallelLanguageMeta& language : meta->languages)
      if (language.code != meta->pivot && language.count >= 50) ++atLeast50;
    out << "total:      " << meta->languages.size() << " languages, " << meta->count << " texts; "
        << atLeast50 << " languages besides " << meta->pivot << " have 50 or more\n";
  }
}

int show(const Catalog& catalog, const QStringList& ids, QTextStream& out, QTextStream& err) {
  if (ids.size() != 1) {
    err << "twb datasets show: name one dataset id\n" << kUsage;
    return kBadInput;
  }
  if (!checkIds(ids, err)) return kBadInput;
  const CatalogEntry entry = *Catalog::find(ids.front());
  out << entry.id << ": " << entry.title << '\n';
  out << "task:       " << entry.task << '\n';
  out << "domain:     " << entry.domain << '\n';
  if (Catalog::isParallel(entry.id)) {
    showParallel(catalog, entry, out);
    return kOk;
  }
  const auto meta = catalog.cacheMeta(entry.id);
  const QString state = fetchedState(catalog, entry.id);
  out << "languages:  " << entry.languages.join(QStringLiteral(", ")) << '\n';
  if (meta) {
    out << "examples:   " << meta->count << " (" << duplicatesNote(*meta) << ")\n";
    QStringList counts;
    for (const auto& [label, count] : meta->labelCounts)
      counts << QStringLiteral("%1 %2").arg(label).arg(count);
    out << "labels:     " << counts.join(QStringLiteral(", ")) << '\n';
  } else {
    out << "examples:   " << entry.examples << " (expected; "
        << (state == QLatin1String("stale") ? "stale cache" : "not fetched yet") << ")\n";
    out << "labels:     " << entry.labels.join(QStringLiteral(", ")) << '\n';
  }
  out << "licence:    " << entry.licence << '\n';
  out << "origin:     " << entry.origin << '\n';
  out << "cache:      " << catalog.cachePath(entry.id);
  if (meta)
    out << " (fetched " << meta->fetched.toLocalTime().toString(Qt::ISODate) << " from "
        << meta->archive << ")\n";
  else if (state == QLatin1String("stale"))
    out << QStringLiteral(
               " (stale: converted by an older version that kept repeated texts; "
               "`twb datasets fetch %1` converts it again)\n")
               .arg(entry.id);
  else
    out << " (not fetched: `twb datasets fetch " << entry.id << "`)\n";
  out << '\n' << entry.description << '\n';
  return kOk;
}

}  // namespace

int datasets(const QStringList& args) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  Options options;
  const QString problem = parseDataCommand(args, options, /*acceptJson=*/false);
  if (!problem.isEmpty()) {
    err << "twb datasets: " << problem << '\n' << kUsage;
    return kBadInput;
  }
  if (options.help) {
    out << kUsage;
    return kOk;
  }
  if (options.positional.isEmpty()) {
    err << kUsage;
    return kBadInput;
  }
  const QString command = options.positional.front();
  const QStringList rest = options.positional.mid(1);
  const Catalog catalog(options.dataDir);
  if (command == QLatin1String("list")) {
    if (!rest.isEmpty()) {
      err << "twb datasets list takes no arguments\n";
      return kBadInput;
    }
    return list(catalog, out);
  }
  if (command == QLatin1String("fetch")) return fetch(catalog, rest, err);
  if (command == QLatin1String("show")) return show(catalog, rest, out, err);
  err << "twb datasets: unknown command '" << command << "'\n" << kUsage;
  return kBadInput;
}

}  // namespace twb::cli

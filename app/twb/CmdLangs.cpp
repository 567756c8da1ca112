// `twb langs`: builds the language table (fetch), shows one language, compares two.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <cmath>

#include "Commands.h"
#include "DataCommandOptions.h"
#include "common/InputError.h"
#include "data/PackageFetcher.h"
#include "langsim/Distances.h"
#include "langsim/LanguageTableBuilder.h"

namespace twb::cli {
namespace {

const char* kUsage =
    "usage: twb langs [--data-dir DIR] fetch\n"
    "       twb langs [--data-dir DIR] show LANG [--json]\n"
    "       twb langs [--data-dir DIR] distance LANG1 LANG2 [--json]\n"
    "LANG is an ISO 639-1 or 639-3 code or an English name. fetch downloads ISO 639 codes\n"
    "(Debian iso-codes), CLDR's language groups (npm cldr-core) and WALS (Debian\n"
    "r-cran-qlcmatrix) and writes DIR/langsim/languages.json. The data folder defaults to\n"
    "$TWB_DATA_DIR, else the user's data folder.\n";

using Options = DataCommandOptions;

struct Download {
  PackageSource package;
  QString what;  // what the table takes from it
};

// Fetches one package into work/<folder> and returns the extracted root.
QString fetchInto(const Download& download, const QString& work, const QString& folder,
                  QStringList& descriptions, QTextStream& err) {
  const QString dir = QDir(work).filePath(folder);
  QDir().mkpath(dir);
  const FetchedPackage fetched =
      fetchPackage(download.package, dir, [&](const QString& line, double) {
        err << "[langs] " << line << '\n';
        err.flush();
      });
  descriptions << QStringLiteral("%1 (%2): %3")
                      .arg(download.package.describe(), fetched.archive, download.what);
  return fetched.root;
}

int fetch(const QString& dataDirOption, QTextStream& out, QTextStream& err) {
  const QString dataDir = dataDirOption.isEmpty() ? LanguageTable::defaultDataDir() : dataDirOption;
  if (!QDir().mkpath(dataDir)) {
    err << "twb langs fetch: cannot create the data folder " << dataDir << '\n';
    return kRunFailed;
  }
  QTemporaryDir work(QDir(dataDir).filePath(QStringLiteral("_langs-fetch-XXXXXX")));
  if (!work.isValid()) {
    err << "twb langs fetch: cannot create a working folder in " << dataDir << '\n';
    return kRunFailed;
  }
  const Download iso{{PackageSource::Kind::Deb, QStringLiteral("iso-codes")},
                     QStringLiteral("ISO 639-3 and 639-5 codes and names")};
  const Download cldr{{PackageSource::Kind::Npm, QStringLiteral("cldr-core@48.2.0")},
                      QStringLiteral("supplemental/languageGroups.json, the family tree")};
  const Download wals{{PackageSource::Kind::Deb, QStringLiteral("r-cran-qlcmatrix")},
                      QStringLiteral("data/wals.rda, WALS features and coordinates (CC BY)")};
  LanguageSources sources;
  LanguageTableReport report;
  try {
    const QString isoRoot =
        fetchInto(iso, work.path(), QStringLiteral("iso"), sources.descriptions, err);
    const QString cldrRoot =
        fetchInto(cldr, work.path(), QStringLiteral("cldr"), sources.descriptions, err);
    const QString walsRoot =
        fetchInto(wals, work.path(), QStringLiteral("wals"), sources.descriptions, err);
    sources.iso6393Json = isoRoot + QStringLiteral("/usr/share/iso-codes/json/iso_639-3.json");
    sources.iso6395Json = isoRoot + QStringLiteral("/usr/share/iso-codes/json/iso_639-5.json");
    sources.languageGroups = cldrRoot + QStringLiteral("/package/supplemental/languageGroups.json");
    sources.walsRda = walsRoot + QStringLiteral("/usr/lib/R/site-library/qlcMatrix/data/wals.rda");
    err << "[langs] building the language table\n";
    const LanguageTable table = buildLanguageTableFromFiles(sources, &report);
    table.save(dataDir);
  } catch (const InputError& error) {
    err << "twb langs fetch: " << error.what() << '\n';
    return kRunFailed;  // a package's file, not the user's input, was bad
  } catch (const RunError& error) {
    err << "twb langs fetch: " << error.what() << '\n';
    return kRunFailed;
  }
  out << "languages:        " << report.languages << " (" << report.inFamilyTree
      << " placed in CLDR's family tree, " << report.withCoordinates << " with coordinates)\n";
  out << "with WALS:        " << report.withWals << ", "
      << QString::number(report.meanWalsFeatures, 'f', 1) << " features on average\n";
  out << "WALS matched:     " << report.walsMatched << " of " << report.walsLanguages
      << " WALS languages; ISO codes by hand-made table " << report.matchedByTable << ", by name "
      << report.matchedByName << ", by ISO column " << report.matchedByIso << "; "
      << report.homonymsDropped << " name matches dropped (family contradicts WALS)\n";
  out << "tree:             " << report.treeCodesUnknown << " leaves are no ISO 639-3 language; "
      << report.multiParent << " codes listed under two groups (first kept)\n";
  out << "written:          " << LanguageTable::filePath(dataDir) << '\n';
  return kOk;
}

QString familyLine(const LanguageTable& table, const Language& language) {
  if (!language.inFamilyTree) return QStringLiteral("- (not in CLDR's family tree)");
  if (language.familyPath.isEmpty()) return QStringLiteral("isolate (directly under the root)");
  QStringList parts;
  for (const QString& group : language.familyPath)
    parts << QStringLiteral("%1 (%2)").arg(table.groupName(group), group);
  return parts.join(QStringLiteral(" < "));
}

QString coordinates(const Language& language) {
  if (!language.hasCoordinates()) return QStringLiteral("-");
  const double lat = language.wals.latitude;
  const double lon = language.wals.longitude;
  return QStringLiteral("%1 %2, %3 %4")
      .arg(std::abs(lat), 0, 'f', 2)
      .arg(lat < 0 ? QLatin1Char('S') : QLatin1Char('N'))
      .arg(std::abs(lon), 0, 'f', 2)
      .arg(lon < 0 ? QLatin1Char('W') : QLatin1Char('E'));
}

QJsonObject languageJson(const LanguageTable& table, const Language& language) {
  QJsonArray family;
  for (const QString& group : language.familyPath)
    family.append(QJsonObject{{QStringLiteral("code"), group},
                              {QStringLiteral("name"), table.groupName(group)}});
  QJsonObject object{{QStringLiteral("iso3"), language.iso3},
                     {QStringLiteral("iso1"), language.iso1},
                     {QStringLiteral("name"), language.name},
                     {QStringLiteral("inFamilyTree"), language.inFamilyTree},
                     {QStringLiteral("family"), family},
                     {QStringLiteral("walsFeatures"), int(language.wals.features.size())}};
  if (language.hasWals())
    object.insert(QStringLiteral("wals"),
                  QJsonObject{{QStringLiteral("code"), language.wals.code},
                              {QStringLiteral("name"), language.wals.name},
                              {QStringLiteral("genus"), language.wals.genus},
                              {QStringLiteral("family"), language.wals.family},
                              {QStringLiteral("match"), language.wals.match}});
  if (language.hasCoordinates()) {
    object.insert(QStringLiteral("latitude"), language.wals.latitude);
    object.insert(QStringLiteral("longitude"), language.wals.longitude);
  }
  return object;
}

int show(const LanguageTable& table, const Language& language, bool json, QTextStream& out) {
  if (json) {
    out << QJsonDocument(languageJson(table, language)).toJson(QJsonDocument::Indented);
    return kOk;
  }
  out << language.name << " (" << (language.iso1.isEmpty() ? QStringLiteral("-") : language.iso1)
      << ", " << language.iso3 << ")\n";
  out << "family:       " << familyLine(table, language) << '\n';
  if (language.hasWals())
    out << "WALS:         " << language.wals.code << " \"" << language.wals.name << "\", genus "
        << language.wals.genus << ", family " << language.wals.family << " (matched by "
        << language.wals.match << ")\n";
  else
    out << "WALS:         -\n";
  out << "features:     " << language.wals.features.size() << " of " << table.featureNames().size()
      << " WALS features\n";
  out << "coordinates:  " << coordinates(language) << '\n';
  return kOk;
}

// The raw value with what it was computed over: edges and shared groups, differing features
// of those both have, km.
QString rawText(const QString& id, const Distance& distance) {
  if (!distance.known && id.startsWith(QLatin1String("wals_")) && distance.compared > 0)
    return QStringLiteral("unknown: only %1 shared features (at least %2 needed)")
        .arg(distance.compared)
        .arg(kMinSharedFeatures);
  if (!distance.known) return QStringLiteral("no data for one of the two");
  if (id == QLatin1String("genetic_cldr"))
    return QStringLiteral("%1 edges, %2 groups shared").arg(distance.raw).arg(distance.compared);
  if (id == QLatin1String("geographic")) return QStringLiteral("%1 km").arg(qRound64(distance.raw));
  return QStringLiteral("%1 of %2 shared features differ").arg(distance.raw).arg(distance.compared);
}

int distance(const Language& a, const Language& b, bool json, QTextStream& out) {
  const QVector<NamedDistance> distances = languageDistances(a, b);
  if (json) {
    QJsonArray list;
    for (const NamedDistance& named : distances) {
      const Distance& d = named.distance;
      list.append(
          QJsonObject{{QStringLiteral("id"), named.id},
                      {QStringLiteral("known"), d.known},
                      {QStringLiteral("value"), d.known ? QJsonValue(d.value) : QJsonValue()},
                      {QStringLiteral("raw"), d.known ? QJsonValue(d.raw) : QJsonValue()},
                      {QStringLiteral("n"), d.compared},
                      {QStringLiteral("standsFor"), named.standsFor}});
    }
    const QJsonObject object{{QStringLiteral("a"), a.iso3},
                             {QStringLiteral("b"), b.iso3},
                             {QStringLiteral("distances"), list}};
    out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    return kOk;
  }
  out << a.name << " (" << a.code() << ") - " << b.name << " (" << b.code() << ")\n";
  for (const NamedDistance& named : distances) {
    const Distance& d = named.distance;
    const QString value = d.known ? QString::number(d.value, 'f', 3) : QStringLiteral("unknown");
    out << named.id.leftJustified(13) << value.rightJustified(7) << "  "
        << rawText(named.id, d).leftJustified(30) << "  " << named.standsFor << '\n';
  }
  return kOk;
}

}  // namespace

int langs(const QStringList& args) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  Options options;
  const QString problem = parseDataCommand(args, options, /*acceptJson=*/true);
  if (!problem.isEmpty()) {
    err << "twb langs: " << problem << '\n' << kUsage;
    return kBadInput;
  }
  if (options.help) {
    out << kUsage;
    return kOk;
  }
  const QString command = options.positional.value(0);
  const QStringList rest = options.positional.mid(1);
  const qsizetype wanted = command == QLatin1String("fetch")      ? 0
                           : command == QLatin1String("show")     ? 1
                           : command == QLatin1String("distance") ? 2
                                                                  : -1;
  if (wanted < 0 || rest.size() != wanted) {
    err << kUsage;
    return kBadInput;
  }
  if (command == QLatin1String("fetch")) return fetch(options.dataDir, out, err);
  try {
    const LanguageTable table = LanguageTable::load(options.dataDir);
    if (command == QLatin1String("show")) return show(table, table.get(rest[0]), options.json, out);
    return distance(table.get(rest[0]), table.get(rest[1]), options.json, out);
  } catch (const InputError& error) {
    err << "twb langs " << command << ": " << error.what() << '\n';
    return kBadInput;
  }
}

}  // namespace twb::cli

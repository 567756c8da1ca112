// LanguageTable: the languages the workbench knows, with ISO codes, English name, CLDR family
// path, WALS typology and coordinates; built once by `twb langs fetch` into
// dataDir/langsim/languages.json and loaded from there.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>

namespace twb {

// A language's WALS record, when one is attached.
struct WalsProfile {
  QString code;    // WALS code: "ger"
  QString name;    // WALS name: "German"
  QString genus;   // "Germanic"
  QString family;  // "Indo-European"
  QString match;   // how the WALS code was tied to the ISO code: "iso", "table" or "name"
  double latitude = std::numeric_limits<double>::quiet_NaN();
  double longitude = std::numeric_limits<double>::quiet_NaN();
  QMap<QString, QString> features;  // "81A" -> "2 SVO"
};

struct Language {
  QString iso3;  // ISO 639-3, the table's key: "eng"
  QString iso1;  // ISO 639-1 or empty: "en"
  QString name;  // English name
  // CLDR groups, nearest first, root excluded: {"gmw", "gem", "ine"}. inFamilyTree tells an
  // isolate under the root (empty path, true) from a language CLDR does not place (false).
  QStringList familyPath;
  bool inFamilyTree = false;
  WalsProfile wals;  // wals.code empty when WALS has no record for the language

  bool hasWals() const { return !wals.code.isEmpty(); }
  bool hasCoordinates() const;
  QString code() const { return iso1.isEmpty() ? iso3 : iso1; }  // what the workbench shows
};

class LanguageTable {
 public:
  LanguageTable() = default;
  // groupNames: "gmw" -> "West Germanic languages"; featureNames: "81A" -> "Order of ...".
  explicit LanguageTable(QVector<Language> languages, QHash<QString, QString> groupNames = {},
                         QMap<QString, QString> featureNames = {}, QStringList sources = {});

  // datasetsFolder() (common/DataFolders.h): the dataset catalog's folder.
  static QString defaultDataDir();
  // dataDir/langsim/languages.json (dataDir empty: defaultDataDir()).
  static QString filePath(const QString& dataDir = QString());
  // Loads what `twb langs fetch` wrote; throws InputError (naming that command when missing).
  static LanguageTable load(const QString& dataDir = QString());
  // Writes filePath(dataDir) through QSaveFile; throws RunError.
  void save(const QString& dataDir = QString()) const;

  QJsonObject toJson() const;
  static LanguageTable fromJson(const QJsonObject& json, const QString& what);

  // By ISO 639-1 or 639-3 code, or English name (case-insensitive); null when unknown.
  const Language* find(const QString& codeOrName) const;
  // find(), or InputError "unknown language 'x'".
  const Language& get(const QString& codeOrName) const;
  const QVector<Language>& languages() const { return languages_; }
  QString groupName(const QString& code) const { return groupNames_.value(code); }
  const QHash<QString, QString>& groupNames() const { return groupNames_; }
  QString featureName(const QString& id) const { return featureNames_.value(id); }
  const QMap<QString, QString>& featureNames() const { return featureNames_; }
  const QStringList& sources() const { return sources_; }  // where the data came from

 private:
  QVector<Language> languages_;
  QHash<QString, QString> groupNames_;
  QMap<QString, QString> featureNames_;
  QStringList sources_;
  QHash<QString, qsizetype> index_;  // lower-cased codes and names -> position
};

}  // namespace twb

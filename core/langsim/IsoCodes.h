// IsoCodes: ISO 639-3 languages and ISO 639-5 language groups from Debian's iso-codes JSON files
// (usr/share/iso-codes/json/iso_639-3.json and iso_639-5.json).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVector>

namespace twb {

struct IsoLanguage {
  QString alpha3;   // "eng"
  QString alpha2;   // "en", or empty
  QString name;     // English name, qualifiers such as "(macrolanguage)" removed
  QString isoName;  // the name as the standard gives it: "Swahili (macrolanguage)"
  QString scope;    // "I" individual, "M" macrolanguage, "S" special
};

struct IsoCodes {
  QVector<IsoLanguage> languages;
  QHash<QString, QString> groupNames;  // ISO 639-5: "gmw" -> "West Germanic languages"

  // By alpha-3 or alpha-2 code; null when unknown.
  const IsoLanguage* find(const QString& code) const;

 private:
  friend IsoCodes parseIsoCodes(const QByteArray&, const QByteArray&, const QString&);
  QHash<QString, qsizetype> index_;
};

// Parses iso_639-3.json (required) and iso_639-5.json (may be empty). Throws InputError.
IsoCodes parseIsoCodes(const QByteArray& iso6393Json, const QByteArray& iso6395Json,
                       const QString& what);

// A display name: "Swahili (macrolanguage)" -> "Swahili", "Modern Greek (1453-)" -> "Modern
// Greek"; other qualifiers ("Oromo (Harar)") are kept.
QString cleanIsoName(const QString& name);

}  // namespace twb

// LanguageCodes: one code per language across the catalog's corpora (ISO 639-1 where one exists,
// else ISO 639-3) and English names for the codes that occur.
#pragma once

#include <QString>

namespace twb {

// The language code of a BCP 47 tag ("de-1996", "zh-Hant"), a POSIX locale ("pt_BR",
// "sr@latin") or an ISO 639-3 code ("deu", "arb"): "de", "zh", "pt", "sr", "de", "ar".
// Empty for "und", "root", "mul", "zxx" and anything that is not a language code.
QString languageCode(const QString& tag);

// The English name of a code languageCode() returns ("de" -> "German"); empty when unknown.
QString languageName(const QString& code);

}  // namespace twb

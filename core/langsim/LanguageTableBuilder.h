// LanguageTableBuilder: joins ISO 639 codes, CLDR's family tree and WALS into a LanguageTable.
#pragma once

#include <QString>
#include <QStringList>

#include "langsim/IsoCodes.h"
#include "langsim/LanguageGroups.h"
#include "langsim/LanguageTable.h"
#include "langsim/WalsData.h"

namespace twb {

// The files `twb langs fetch` extracts (all paths; iso6395Json may be empty).
struct LanguageSources {
  QString iso6393Json;       // iso-codes: usr/share/iso-codes/json/iso_639-3.json
  QString iso6395Json;       // iso-codes: usr/share/iso-codes/json/iso_639-5.json
  QString languageGroups;    // cldr-core: supplemental/languageGroups.json (or the XML form)
  QString walsRda;           // r-cran-qlcmatrix: usr/lib/R/site-library/qlcMatrix/data/wals.rda
  QStringList descriptions;  // where each came from, kept in the table
};

// What a build found, for `twb langs fetch` to report.
struct LanguageTableReport {
  int languages = 0;
  int inFamilyTree = 0;
  int withWals = 0;  // table languages with a WALS record
  int withCoordinates = 0;
  double meanWalsFeatures = 0;  // over the table languages with a WALS record
  int walsLanguages = 0;        // records in the WALS data
  int walsMatched = 0;          // WALS records tied to at least one ISO code
  int matchedByIso = 0, matchedByTable = 0, matchedByName = 0;  // ISO codes, by how
  int homonymsDropped = 0;   // name matches whose CLDR family contradicts WALS's
  int treeCodesUnknown = 0;  // tree leaves that are no ISO 639-3 language
  int multiParent = 0;       // tree codes listed under more than one group
};

// The table holds every ISO 639-3 language that CLDR's tree places or WALS describes.
LanguageTable buildLanguageTable(const IsoCodes& iso, const LanguageGroups& groups,
                                 const WalsData& wals, const QStringList& sources,
                                 LanguageTableReport* report = nullptr);

// Reads the files, then buildLanguageTable. Throws InputError naming a bad file.
LanguageTable buildLanguageTableFromFiles(const LanguageSources& sources,
                                          LanguageTableReport* report = nullptr);

}  // namespace twb

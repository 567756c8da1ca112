// Distances: how far apart two languages are, by family tree, WALS typology, geography and
// shared vocabulary; each follows the idea of a URIEL/lang2vec distance or LangRank feature but
// is named for what it computes (the WALS ones are mismatch rates, not URIEL's vectors).
#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <limits>
#include <vector>

#include "langsim/LanguageTable.h"

namespace twb {

struct Distance {
  double value = std::numeric_limits<double>::quiet_NaN();  // normalised to [0, 1]
  double raw = std::numeric_limits<double>::quiet_NaN();    // tree edges, km, differing values
  int compared = 0;    // what it was computed over: features, types, tree levels
  bool known = false;  // false: no data for one of the two (value and raw stay NaN)
};

// URIEL "genetic". Edges between the two on the path through their lowest common ancestor in
// CLDR's tree, under an implicit root above the top-level families (raw). Normalised as
// 1 - Wu-Palmer similarity: edges / (depth a + depth b), depth counting the root edge, so 0 for
// the same language and 1 for different top-level families (or an isolate). compared: depth
// of the common ancestor (shared groups). Unknown when either is not in the tree.
Distance geneticDistance(const Language& a, const Language& b);

// The same on bare tree codes and paths (nearest group first, root excluded). One may be the
// other's ancestor (a macrolanguage such as "sw" groups "swh").
Distance treeDistance(const QString& codeA, const QStringList& pathA, const QString& codeB,
                      const QStringList& pathB);

// Below this many shared features a mismatch rate is too coarse to rank languages by.
constexpr int kMinSharedFeatures = 10;

// Share of the WALS features both languages have whose values differ (raw: how many differ;
// compared: how many both have). Unknown when they share fewer than minShared of the selected
// features (compared and raw are still set, so a report can say how few).
Distance featureMismatch(const QMap<QString, QString>& a, const QMap<QString, QString>& b,
                         const std::function<bool(const QString&)>& select = {},
                         int minShared = kMinSharedFeatures);

// URIEL "syntactic": WALS Word Order, Simple Clauses and Complex Sentences (81A-128A,
// 143A-144A). URIEL takes binarised WALS+SSWL+Ethnologue syntax features with cosine distance;
// this is the categorical mismatch rate on WALS alone.
Distance syntacticDistance(const Language& a, const Language& b);
// URIEL "phonological": WALS Phonology (1A-19A).
Distance phonologicalDistance(const Language& a, const Language& b);
// URIEL "featural": all WALS features both have (URIEL combines its syntax, phonology and
// inventory vectors).
Distance featuralDistance(const Language& a, const Language& b);

// Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).
double greatCircleKm(double latitudeA, double longitudeA, double latitudeB, double longitudeB);
// URIEL "geographic": raw km between WALS coordinates, normalised by half the Earth's
// circumference (the farthest two points can be). Unknown without coordinates.
Distance geographicDistance(const Language& a, const Language& b);

// Word types of texts: lower-cased runs of letters, digits and marks (apostrophes and hyphens
// inside a word kept); in scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar,
// Tibetan) every character is a type, so those languages are not one "word" per clause.
QSet<QString> wordTypes(const QStringList& texts);

// LangRank "word overlap": |V1 ∩ V2| / (|V1| + |V2|) over the word types of the two sides of
// a parallel corpus. An overlap, not a distance: 0 none, 0.5 the same vocabulary. raw: the
// shared types; compared: |V1| + |V2|. Unknown when either side has no words.
Distance wordOverlap(const QStringList& textsA, const QStringList& textsB);
// The overlap as a distance, larger = farther like every other column: 1 − 2 · overlap
// (1 − Dice), 0 for the same vocabulary and 1 for none shared.
Distance lexicalDistance(const QStringList& textsA, const QStringList& textsB);
// The same over subword token ids (a shared tokenizer's vocabulary).
Distance subwordOverlap(const std::vector<std::vector<int>>& idsA,
                        const std::vector<std::vector<int>>& idsB);

// Every table distance between two languages, in a fixed order, for reports and the CLI.
struct NamedDistance {
  QString id;         // "genetic_cldr"
  QString standsFor;  // "URIEL genetic: ..."
  Distance distance;
};
QVector<NamedDistance> languageDistances(const Language& a, const Language& b);

}  // namespace twb

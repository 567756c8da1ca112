// WalsFeatures: WALS feature ids ("81A") and the chapter areas they belong to, which decide the
// features each typological distance compares.
#pragma once

#include <QString>

namespace twb {

enum class WalsArea {
  Unknown,
  Phonology,          // chapters 1-19
  Morphology,         // 20-29
  NominalCategories,  // 30-57
  NominalSyntax,      // 58-64
  VerbalCategories,   // 65-80
  WordOrder,          // 81-97, 143-144
  SimpleClauses,      // 98-121
  ComplexSentences,   // 122-128
  Lexicon,            // 129-138
  SignLanguages,      // 139-140
  Other               // 141-142
};

// The chapter number of an id: 81 for "81A"; 0 when the id is not of that shape.
int walsChapter(const QString& featureId);
WalsArea walsArea(const QString& featureId);
QString walsAreaName(WalsArea area);  // "Word Order"

// Word Order, Simple Clauses and Complex Sentences: the syntax a syntactic distance compares.
// The lexicon chapters 129-138 fall inside 81-144 by number but are not syntax, so are left out.
bool isSyntacticFeature(const QString& featureId);
bool isPhonologicalFeature(const QString& featureId);

}  // namespace twb

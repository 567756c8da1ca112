#include "langsim/WalsFeatures.h"

namespace twb {

int walsChapter(const QString& featureId) {
  qsizetype digits = 0;
  while (digits < featureId.size() && featureId[digits].isDigit()) ++digits;
  if (digits == 0 || digits + 1 != featureId.size() || !featureId.back().isUpper()) return 0;
  return featureId.left(digits).toInt();
}

WalsArea walsArea(const QString& featureId) {
  const int chapter = walsChapter(featureId);
  if (chapter <= 0) return WalsArea::Unknown;
  if (chapter <= 19) return WalsArea::Phonology;
  if (chapter <= 29) return WalsArea::Morphology;
  if (chapter <= 57) return WalsArea::NominalCategories;
  if (chapter <= 64) return WalsArea::NominalSyntax;
  if (chapter <= 80) return WalsArea::VerbalCategories;
  if (chapter <= 97) return WalsArea::WordOrder;
  if (chapter <= 121) return WalsArea::SimpleClauses;
  if (chapter <= 128) return WalsArea::ComplexSentences;
  if (chapter <= 138) return WalsArea::Lexicon;
  if (chapter <= 140) return WalsArea::SignLanguages;
  if (chapter <= 142) return WalsArea::Other;
  if (chapter <= 144) return WalsArea::WordOrder;
  return WalsArea::Unknown;
}

QString walsAreaName(WalsArea area) {
  switch (area) {
    case WalsArea::Phonology:
      return QStringLiteral("Phonology");
    case WalsArea::Morphology:
      return QStringLiteral("Morphology");
    case WalsArea::NominalCategories:
      return QStringLiteral("Nominal Categories");
    case WalsArea::NominalSyntax:
      return QStringLiteral("Nominal Syntax");
    case WalsArea::VerbalCategories:
      return QStringLiteral("Verbal Categories");
    case WalsArea::WordOrder:
      return QStringLiteral("Word Order");
    case WalsArea::SimpleClauses:
      return QStringLiteral("Simple Clauses");
    case WalsArea::ComplexSentences:
      return QStringLiteral("Complex Sentences");
    case WalsArea::Lexicon:
      return QStringLiteral("Lexicon");
    case WalsArea::SignLanguages:
      return QStringLiteral("Sign Languages");
    case WalsArea::Other:
      return QStringLiteral("Other");
    case WalsArea::Unknown:
      break;
  }
  return QStringLiteral("Unknown");
}

bool isSyntacticFeature(const QString& featureId) {
  const WalsArea area = walsArea(featureId);
  return area == WalsArea::WordOrder || area == WalsArea::SimpleClauses ||
         area == WalsArea::ComplexSentences;
}

bool isPhonologicalFeature(const QString& featureId) {
  return walsArea(featureId) == WalsArea::Phonology;
}

}  // namespace twb

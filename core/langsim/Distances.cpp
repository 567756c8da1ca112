#include "langsim/Distances.h"

#include <QSet>
#include <algorithm>
#include <cmath>

#include "langsim/WalsFeatures.h"

namespace twb {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
constexpr double kPi = 3.14159265358979323846;

double radians(double degrees) { return degrees * kPi / 180.0; }

Distance known(double value, double raw, int compared) {
  Distance distance;
  distance.value = value;
  distance.raw = raw;
  distance.compared = compared;
  distance.known = true;
  return distance;
}

template <typename Set>
Distance overlap(const Set& a, const Set& b) {
  Distance distance;
  distance.compared = static_cast<int>(a.size() + b.size());
  if (a.isEmpty() || b.isEmpty()) return distance;
  const Set& small = a.size() <= b.size() ? a : b;
  const Set& large = a.size() <= b.size() ? b : a;
  int shared = 0;
  for (const auto& type : small) shared += large.contains(type) ? 1 : 0;
  return known(double(shared) / distance.compared, shared, distance.compared);
}

}  // namespace

Distance treeDistance(const QString& codeA, const QStringList& pathA, const QString& codeB,
                      const QStringList& pathB) {
  // Chains from each node up to the implicit root (an empty string stands for it).
  const QStringList chainA = QStringList{codeA} + pathA + QStringList{QString()};
  const QStringList chainB = QStringList{codeB} + pathB + QStringList{QString()};
  for (qsizetype upA = 0; upA < chainA.size(); ++upA) {
    const qsizetype upB = chainB.indexOf(chainA[upA]);
    if (upB < 0) continue;
    const qsizetype depthA = chainA.size() - 1;  // edges from the root
    const qsizetype depthB = chainB.size() - 1;
    const qsizetype shared = chainA.size() - 1 - upA;  // depth of the common ancestor
    const double edges = double(upA + upB);
    return known(depthA + depthB ? edges / double(depthA + depthB) : 0.0, edges,
                 static_cast<int>(shared));
  }
  return {};  // unreachable: the root is common to both chains
}

Distance geneticDistance(const Language& a, const Language& b) {
  if (!a.inFamilyTree || !b.inFamilyTree) return {};
  return treeDistance(a.code(), a.familyPath, b.code(), b.familyPath);
}

Distance featureMismatch(const QMap<QString, QString>& a, const QMap<QString, QString>& b,
                         const std::function<bool(const QString&)>& select, int minShared) {
  int compared = 0;
  int differing = 0;
  for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
    if (select && !select(it.key())) continue;
    const auto other = b.constFind(it.key());
    if (other == b.constEnd()) continue;
    ++compared;
    differing += *other == it.value() ? 0 : 1;
  }
  if (compared == 0 || compared < minShared) {
    Distance unknown;  // too few shared features to say: compared tells how few
    unknown.compared = compared;
    unknown.raw = differing;
    return unknown;
  }
  return known(double(differing) / compared, differing, compared);
}

Distance syntacticDistance(const Language& a, const Language& b) {
  return featureMismatch(a.wals.features, b.wals.features, isSyntacticFeature);
}

Distance phonologicalDistance(const Language& a, const Language& b) {
  return featureMismatch(a.wals.features, b.wals.features, isPhonologicalFeature);
}

Distance featuralDistance(const Language& a, const Language& b) {
  return featureMismatch(a.wals.features, b.wals.features);
}

double greatCircleKm(double latitudeA, double longitudeA, double latitudeB, double longitudeB) {
  const double dLat = radians(latitudeB - latitudeA);
  const double dLon = radians(longitudeB - longitudeA);
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(radians(latitudeA)) * std::cos(radians(latitudeB)) *
                       std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

Distance geographicDistance(const Language& a, const Language& b) {
  if (!a.hasCoordinates() || !b.hasCoordinates()) return {};
  const double km =
      greatCircleKm(a.wals.latitude, a.wals.longitude, b.wals.latitude, b.wals.longitude);
  return known(std::min(1.0, km / (kPi * kEarthRadiusKm)), km, 1);
}

bool writtenWithoutSpaces(char32_t c) {
  switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Thai:
    case QChar::Script_Lao:
    case QChar::Script_Khmer:
    case QChar::Script_Myanmar:
    case QChar::Script_Tibetan:
      return true;
    default:
      return false;
  }
}

QSet<QString> wordTypes(const QStringList& texts) {
  QSet<QString> types;
  for (const QString& text : texts) {
    const QString lower = text.toLower();
    QString word;
    for (qsizetype i = 0; i <= lower.size(); ++i) {
      const QChar c = i < lower.size() ? lower[i] : QChar(u' ');
      if (c.isLetter() && writtenWithoutSpaces(c.unicode())) {
        // A script without spaces between words: each character is a type of its own.
        if (!word.isEmpty()) types.insert(word);
        word.clear();
        types.insert(QString(c));
        continue;
      }
      const bool inWord = c.isLetterOrNumber() || c.isMark();
      // An apostrophe or hyphen joins two word characters: "don't", "e-mail".
      const bool joiner = (c == u'\'' || c == u'-' || c == u'\u2019') && !word.isEmpty() &&
                          i + 1 < lower.size() && lower[i + 1].isLetterOrNumber();
      if (inWord || joiner) {
        word += c;
      } else if (!word.isEmpty()) {
        types.insert(word);
        word.clear();
      }
    }
  }
  return types;
}

Distance wordOverlap(const QStringList& textsA, const QStringList& textsB) {
  return overlap(wordTypes(textsA), wordTypes(textsB));
}

Distance lexicalDistance(const QStringList& textsA, const QStringList& textsB) {
  Distance d = wordOverlap(textsA, textsB);
  if (d.known) d.value = 1 - 2 * d.value;  // 1 − Dice: 0 the same vocabulary, 1 nothing shared
  return d;
}

Distance subwordOverlap(const std::vector<std::vector<int>>& idsA,
                        const std::vector<std::vector<int>>& idsB) {
  auto types = [](const std::vector<std::vector<int>>& texts) {
    QSet<int> set;
    for (const auto& ids : texts)
      for (int id : ids) set.insert(id);
    return set;
  };
  return overlap(types(idsA), types(idsB));
}

QVector<NamedDistance> languageDistances(const Language& a, const Language& b) {
  return {
      {QStringLiteral("genetic_cldr"),
       QStringLiteral("CLDR family tree: 1 - Wu-Palmer similarity through the common ancestor "
                      "(after URIEL genetic)"),
       geneticDistance(a, b)},
      {QStringLiteral("wals_syntax"),
       QStringLiteral("WALS syntax mismatch: share of differing values over the word-order and "
                      "clause features both have (after URIEL syntactic)"),
       syntacticDistance(a, b)},
      {QStringLiteral("wals_phonology"),
       QStringLiteral("WALS phonology mismatch: share of differing values over the phonology "
                      "features both have (after URIEL phonological)"),
       phonologicalDistance(a, b)},
      {QStringLiteral("wals_all"),
       QStringLiteral("WALS mismatch: share of differing values over every feature both have "
                      "(after URIEL featural)"),
       featuralDistance(a, b)},
      {QStringLiteral("geographic"),
       QStringLiteral("great circle between WALS coordinates over half the Earth's "
                      "circumference (after URIEL geographic)"),
       geographicDistance(a, b)},
  };
}

}  // namespace twb

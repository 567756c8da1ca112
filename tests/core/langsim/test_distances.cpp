// Tests of the language distances: zero on the diagonal, symmetric, ordered as the family tree
// says on a hand-made tree, WALS mismatch rates with the features counted, great-circle km,
// and LangRank's word overlap on hand texts and token ids.
#include <QtTest>
#include <cmath>

#include "langsim/Distances.h"

namespace {

using twb::Distance;
using twb::Language;

// A language on a small hand-made tree, with WALS-like features and coordinates.
Language language(const QString& code, const QStringList& path,
                  const QMap<QString, QString>& features = {}, double latitude = NAN,
                  double longitude = NAN) {
  Language out;
  out.iso1 = code;
  out.iso3 = code + QStringLiteral("x");
  out.name = code;
  out.familyPath = path;
  out.inFamilyTree = true;
  out.wals.code = features.isEmpty() ? QString() : code;
  out.wals.features = features;
  out.wals.latitude = latitude;
  out.wals.longitude = longitude;
  return out;
}

const QStringList kGermanic{QStringLiteral("gmw"), QStringLiteral("gem"), QStringLiteral("ine")};

// Ten word-order features (87A-96A) and ten phonology ones (2A-11A) that English, German and
// Japanese share with equal values, so each pair reaches the minimum of shared features and the
// hand-counted differences below decide the rates.
QMap<QString, QString> withCommon(QMap<QString, QString> features) {
  for (int chapter = 87; chapter <= 96; ++chapter)
    features.insert(QStringLiteral("%1A").arg(chapter), QStringLiteral("1 Same"));
  for (int chapter = 2; chapter <= 11; ++chapter)
    features.insert(QStringLiteral("%1A").arg(chapter), QStringLiteral("1 Same"));
  return features;
}

// Order of S, O and V; subject-verb; adposition; two phonology features; a lexicon one.
Language english() {
  return language(QStringLiteral("en"), kGermanic,
                  withCommon({{"81A", "2 SVO"},
                              {"82A", "1 SV"},
                              {"85A", "2 Prepositions"},
                              {"1A", "3 Average"},
                              {"13A", "1 No tones"},
                              {"129A", "2 Different"}}),
                  52.0, 0.0);
}
Language german() {
  return language(QStringLiteral("de"), kGermanic,
                  withCommon({{"81A", "7 No dominant order"},
                              {"82A", "1 SV"},
                              {"85A", "2 Prepositions"},
                              {"1A", "3 Average"},
                              {"129A", "2 Different"}}),
                  52.0, 10.0);
}
Language french() {
  return language(QStringLiteral("fr"),
                  {QStringLiteral("roa"), QStringLiteral("itc"), QStringLiteral("ine")},
                  {{"81A", "2 SVO"}}, 48.0, 2.0);
}
Language japanese() {
  return language(QStringLiteral("ja"), {QStringLiteral("jpx")},
                  withCommon({{"81A", "1 SOV"},
                              {"82A", "1 SV"},
                              {"85A", "1 Postpositions"},
                              {"1A", "2 Moderately small"},
                              {"13A", "2 Simple tone system"}}),
                  37.0, 140.0);
}

QVector<Distance> allDistances(const Language& a, const Language& b) {
  QVector<Distance> out;
  for (const twb::NamedDistance& named : twb::languageDistances(a, b)) out << named.distance;
  return out;
}

}  // namespace

class DistancesTest : public QObject {
  Q_OBJECT

 private slots:
  void eachDistanceOfALanguageToItselfIsZero() {
    for (const Language& x : {english(), german(), japanese()}) {
      for (const Distance& d : allDistances(x, x)) {
        QVERIFY(d.known);
        QCOMPARE(d.value, 0.0);
      }
    }
  }

  void distancesAreSymmetric() {
    const QVector<Language> languages{english(), german(), french(), japanese()};
    for (const Language& a : languages) {
      for (const Language& b : languages) {
        const QVector<Distance> ab = allDistances(a, b);
        const QVector<Distance> ba = allDistances(b, a);
        for (qsizetype i = 0; i < ab.size(); ++i) {
          QCOMPARE(ab[i].known, ba[i].known);
          QCOMPARE(ab[i].compared, ba[i].compared);
          if (ab[i].known) QVERIFY(qFuzzyCompare(1 + ab[i].value, 1 + ba[i].value));
        }
      }
    }
  }

  void geneticFollowsTheTree() {
    const Distance de = twb::geneticDistance(english(), german());
    const Distance fr = twb::geneticDistance(english(), french());
    const Distance ja = twb::geneticDistance(english(), japanese());
    // en-de meet at gmw: 2 edges of 4 + 4; en-fr at ine: 6 of 8; en-ja only at the root.
    QCOMPARE(de.raw, 2.0);
    QCOMPARE(de.value, 0.25);
    QCOMPARE(de.compared, 3);  // gmw, gem, ine shared
    QCOMPARE(fr.value, 0.75);
    QCOMPARE(ja.raw, 6.0);
    QCOMPARE(ja.value, 1.0);
    QCOMPARE(ja.compared, 0);
    QVERIFY(de.value < fr.value && fr.value < ja.value);
  }

  void geneticHandlesAnAncestorAndUnplacedLanguages() {
    // The macrolanguage "sw" is the parent of "swh": one edge apart.
    const Distance macro =
        twb::treeDistance(QStringLiteral("sw"), {QStringLiteral("bnt")}, QStringLiteral("swh"),
                          {QStringLiteral("sw"), QStringLiteral("bnt")});
    QCOMPARE(macro.raw, 1.0);
    QCOMPARE(macro.value, 1.0 / 5.0);
    Language unplaced = english();
    unplaced.inFamilyTree = false;
    QVERIFY(!twb::geneticDistance(unplaced, german()).known);
    // An isolate under the root is in the tree: distance 1 to anything else.
    const Language korean = language(QStringLiteral("ko"), {});
    QCOMPARE(twb::geneticDistance(korean, japanese()).value, 1.0);
  }

  void syntacticAndFeaturalCountTheFeaturesBothHave() {
    // Syntax both have: 81A (differs), 82A, 85A and the ten common ones; 129A is lexicon.
    const Distance syntax = twb::syntacticDistance(english(), german());
    QCOMPARE(syntax.compared, 13);
    QCOMPARE(syntax.raw, 1.0);
    QCOMPARE(syntax.value, 1.0 / 13.0);
    // All features both have: 81A, 82A, 85A, 1A, 129A and the twenty common ones (13A only in
    // English).
    const Distance all = twb::featuralDistance(english(), german());
    QCOMPARE(all.compared, 25);
    QCOMPARE(all.value, 1.0 / 25.0);
    const Distance ja = twb::syntacticDistance(english(), japanese());
    QCOMPARE(ja.compared, 13);
    QCOMPARE(ja.value, 2.0 / 13.0);
    QCOMPARE(twb::phonologicalDistance(english(), japanese()).compared, 12);
    // French has only 81A: no phonology in common, so unknown rather than 0.
    const Distance none = twb::phonologicalDistance(english(), french());
    QVERIFY(!none.known);
    QCOMPARE(none.compared, 0);
    QVERIFY(std::isnan(none.value));
    QVERIFY(!twb::featuralDistance(english(), language(QStringLiteral("xx"), {})).known);
  }

  void fewerThanTenSharedFeaturesAreUnknown() {
    // English and French share one feature (81A): a rate over one feature ranks nothing.
    const Distance few = twb::featuralDistance(english(), french());
    QVERIFY(!few.known);
    QVERIFY(std::isnan(few.value));
    QCOMPARE(few.compared, 1);  // still said, so a report can tell how few
    // Nine shared features: unknown; ten: known.
    QMap<QString, QString> nine, ten;
    for (int chapter = 1; chapter <= 9; ++chapter)
      nine.insert(QStringLiteral("%1A").arg(chapter), "1");
    ten = nine;
    ten.insert(QStringLiteral("10A"), QStringLiteral("2"));
    QVERIFY(!twb::featureMismatch(nine, nine).known);
    QMap<QString, QString> other = nine;
    other.insert(QStringLiteral("10A"), QStringLiteral("1"));
    const Distance known = twb::featureMismatch(ten, other);
    QVERIFY(known.known);
    QCOMPARE(known.compared, 10);
    QCOMPARE(known.value, 0.1);
    QCOMPARE(twb::kMinSharedFeatures, 10);
  }

  void greatCircleParisBerlinIsAbout878Km() {
    const double km = twb::greatCircleKm(48.8566, 2.3522, 52.5200, 13.4050);
    QVERIFY2(std::abs(km - 878) < 3, qPrintable(QString::number(km)));
    QCOMPARE(twb::greatCircleKm(10, 20, 10, 20), 0.0);
    // Antipodes: half the circumference, the geographic distance's 1.
    QVERIFY(std::abs(twb::greatCircleKm(0, 0, 0, 180) - 20015.1) < 1);
    const Distance geo = twb::geographicDistance(english(), german());
    QVERIFY(geo.known);
    QVERIFY(std::abs(geo.raw - twb::greatCircleKm(52, 0, 52, 10)) < 1e-9);
    QVERIFY(geo.value > 0 && geo.value < 0.05);
    QVERIFY(!twb::geographicDistance(english(), language(QStringLiteral("xx"), {})).known);
  }

  void wordOverlapOnHandTexts() {
    const QStringList a{QStringLiteral("The cat sat."), QStringLiteral("The CAT ran!")};
    const QStringList b{QStringLiteral("the dog sat, don't run")};
    // V1 = {the, cat, sat, ran}; V2 = {the, dog, sat, don't, run}; shared {the, sat}.
    QCOMPARE(twb::wordTypes(b), (QSet<QString>{"the", "dog", "sat", "don't", "run"}));
    const Distance overlap = twb::wordOverlap(a, b);
    QCOMPARE(overlap.raw, 2.0);
    QCOMPARE(overlap.compared, 9);
    QCOMPARE(overlap.value, 2.0 / 9.0);
    QCOMPARE(twb::wordOverlap(a, a).value, 0.5);  // identical vocabularies
    QVERIFY(!twb::wordOverlap(a, {QStringLiteral("... !")}).known);
    // Scripts without Latin letters and combining marks stay words.
    QCOMPARE(twb::wordTypes({QStringLiteral("नमस्ते दुनिया")}).size(), 2);
    // Scripts written without spaces: a character is a type, so a clause is not one "word".
    QCOMPARE(twb::wordTypes({QStringLiteral("人人生而自由")}),
             (QSet<QString>{"人", "生", "而", "自", "由"}));
    QCOMPARE(twb::wordTypes({QStringLiteral("すべての人間は")}).size(), 7);  // す べ て の 人 間 は
    QCOMPARE(twb::wordTypes({QStringLiteral("Unicode文字")}),
             (QSet<QString>{"unicode", "文", "字"}));
  }

  void lexicalDistanceIsOneMinusDice() {
    const QStringList a{QStringLiteral("The cat sat."), QStringLiteral("The CAT ran!")};
    const QStringList b{QStringLiteral("the dog sat, don't run")};
    // Dice = 2 · 2 / 9; the distance reads larger = farther.
    QCOMPARE(twb::lexicalDistance(a, b).value, 1 - 4.0 / 9.0);
    QCOMPARE(twb::lexicalDistance(a, a).value, 0.0);
    QCOMPARE(twb::lexicalDistance(a, {QStringLiteral("日本語")}).value, 1.0);
  }

  void subwordOverlapOnTokenIds() {
    const std::vector<std::vector<int>> a{{1, 2, 3}, {3, 3}};
    const std::vector<std::vector<int>> b{{3, 4}};
    const Distance overlap = twb::subwordOverlap(a, b);
    QCOMPARE(overlap.raw, 1.0);
    QCOMPARE(overlap.compared, 5);
    QCOMPARE(overlap.value, 0.2);
    QVERIFY(!twb::subwordOverlap(a, {}).known);
  }
};

QTEST_GUILESS_MAIN(DistancesTest)
#include "test_distances.moc"

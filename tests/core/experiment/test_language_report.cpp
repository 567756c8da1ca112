// Pins buildLanguageReport on a store the test fills: one point per language target, the table's
// distances from English, Δ per language, correlations per metric checked against hand values,
// languages the table lacks, and word overlap from a parallel corpus.
#include <QtTest>
#include <cmath>
#include <map>
#include <memory>

#include "data/ParallelCorpus.h"
#include "experiment/LanguageReport.h"
#include "langsim/Distances.h"
#include "langsim/LanguageTable.h"
#include "store/RunStore.h"

using namespace twb;

namespace {

constexpr int kPermutations = 99;

Language language(const QString& iso3, const QString& iso1, const QString& name,
                  const QStringList& familyPath, const QString& walsCode, double latitude,
                  double longitude, const QMap<QString, QString>& features) {
  Language l;
  l.iso3 = iso3;
  l.iso1 = iso1;
  l.name = name;
  l.familyPath = familyPath;
  l.inFamilyTree = true;
  l.wals.code = walsCode;
  l.wals.name = name;
  l.wals.latitude = latitude;
  l.wals.longitude = longitude;
  l.wals.features = features;
  return l;
}

// English and three languages at known distances: genetic (CLDR paths) 0.25, 0.75 and 1;
// over the six WALS features, German differs in one, French in two, Japanese in three.
LanguageTable smallTable() {
  return LanguageTable({
      language("eng", "en", "English", {"gmw", "gem", "ine"}, "eng", 52, 0,
               {{"81A", "2 SVO"},
                {"85A", "2 Prepositions"},
                {"87A", "1 Adjective-Noun"},
                {"1A", "3 Average"},
                {"13A", "1 No tones"},
                {"26A", "2 Strongly suffixing"}}),
      language("deu", "de", "German", {"gmw", "gem", "ine"}, "ger", 52, 10,
               {{"81A", "7 No dominant order"},
                {"85A", "2 Prepositions"},
                {"87A", "1 Adjective-Noun"},
                {"1A", "3 Average"},
                {"13A", "1 No tones"},
                {"26A", "2 Strongly suffixing"}}),
      language("fra", "fr", "French", {"roa", "itc", "ine"}, "fre", 48, 2,
               {{"81A", "2 SVO"},
                {"85A", "2 Prepositions"},
                {"87A", "2 Noun-Adjective"},
                {"1A", "2 Moderately small"},
                {"13A", "1 No tones"},
                {"26A", "2 Strongly suffixing"}}),
      language("jpn", "ja", "Japanese", {"jpx"}, "jpn", 35, 135,
               {{"81A", "1 SOV"},
                {"85A", "1 Postpositions"},
                {"87A", "1 Adjective-Noun"},
                {"1A", "2 Moderately small"},
                {"13A", "1 No tones"},
                {"26A", "2 Strongly suffixing"}}),
  });
}

// test retrieval by target, arm and seed: Δ de {0.20, 0.14}, fr {0.08, 0.06}, ja {-0.02, -0.02}.
using Scores = std::map<QString, std::map<QString, std::map<int, double>>>;
const Scores kRetrieval = {
    {"de", {{"baseline", {{1, 0.40}, {2, 0.50}}}, {"transfer", {{1, 0.60}, {2, 0.64}}}}},
    {"fr", {{"baseline", {{1, 0.30}, {2, 0.20}}}, {"transfer", {{1, 0.38}, {2, 0.26}}}}},
    {"ja", {{"baseline", {{1, 0.10}, {2, 0.12}}}, {"transfer", {{1, 0.08}, {2, 0.10}}}}},
    {"sw", {{"baseline", {{1, 0.05}, {2, 0.07}}}, {"transfer", {{1, 0.15}, {2, 0.13}}}}},
};
const std::map<QString, double> kDelta = {{"de", 0.17}, {"fr", 0.07}, {"ja", -0.02}};

QString experimentYaml(const QString& languages) {
  return QStringLiteral(R"(name: languages
model: {arch: bert, size: tiny}
targets:
  - {dataset: udhr, task: retrieval, languages: [%1]}
  - {dataset: {path: reviews.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
protocol: {seeds: [1, 2]}
)")
      .arg(languages);
}

// Stores an experiment with the retrieval scores of `languages` and a target without a
// language (accuracy), as the pipeline would.
qint64 storeExperiment(RunStore& store, const QStringList& languages) {
  const qint64 id =
      store.addExperiment(QStringLiteral("languages"), experimentYaml(languages.join(", ")));
  for (int seed : {1, 2})
    for (const QString& arm : {QStringLiteral("baseline"), QStringLiteral("transfer")}) {
      for (const QString& code : languages) {
        const qint64 run = store.addRun(id, arm, QStringLiteral("udhr/") + code, seed);
        const double value = kRetrieval.at(code).at(arm).at(seed);
        store.addResult({run, QStringLiteral("test"), QStringLiteral("retrieval"), value});
        store.addResult({run, QStringLiteral("test"), QStringLiteral("retrieval_en_to_x"), value});
        store.addResult({run, QStringLiteral("test"), QStringLiteral("items"), 20});
        store.setRunStatus(run, QStringLiteral("finished"));
      }
      const qint64 run = store.addRun(id, arm, QStringLiteral("reviews/food"), seed);
      store.addResult({run, QStringLiteral("test"), QStringLiteral("accuracy"),
                       arm == QLatin1String("baseline") ? 0.7 : 0.8});
      store.setRunStatus(run, QStringLiteral("finished"));
    }
  store.setExperimentStatus(id, QStringLiteral("finished"));
  return id;
}

// Two items in English and each language; shared word types with English: German "cat" and
// "dog" of 6 + 6 types, French "dog" of 6 + 6, Japanese none of 6 + 2.
ParallelCorpus smallCorpus() {
  ParallelCorpus corpus;
  corpus.id = QStringLiteral("udhr");
  const std::map<QString, QStringList> texts = {
      {"en", {"the cat sleeps", "a dog runs"}},
      {"de", {"die cat schläft", "ein dog läuft"}},
      {"fr", {"le chat dort", "un dog court"}},
      {"ja", {"猫が寝る", "犬が走る"}},
  };
  for (const auto& [code, items] : texts)
    for (qsizetype i = 0; i < items.size(); ++i)
      addParallelText(corpus, code, QStringLiteral("k%1").arg(i), items[i]);
  return corpus;
}

// Pearson's r written out, for comparing with the report's.
double handPearson(const QVector<double>& x, const QVector<double>& y) {
  double mx = 0, my = 0;
  for (qsizetype i = 0; i < x.size(); ++i) {
    mx += x[i] / double(x.size());
    my += y[i] / double(y.size());
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (qsizetype i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

bool sameDistance(double reported, const Distance& expected) {
  if (!expected.known) return std::isnan(reported);
  return near(reported, expected.value);
}

const DistanceCorrelation* deltaCorrelation(const LanguageReport& report, const QString& distance) {
  for (const DistanceCorrelation& c : report.correlations)
    if (c.distance == distance && c.measure == QLatin1String("delta")) return &c;
  return nullptr;
}

}  // namespace

class LanguageReportTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<RunStore> store_;
  LanguageTable table_ = smallTable();
  qint64 known_ = 0;    // de, fr, ja
  qint64 missing_ = 0;  // de, fr, ja and sw, which the table does not know

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    store_ = std::make_unique<RunStore>(dir_.filePath("runs.sqlite"));
    known_ = storeExperiment(*store_, {"de", "fr", "ja"});
    missing_ = storeExperiment(*store_, {"de", "fr", "ja", "sw"});
  }

  void pointsForTheLanguageTargets() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kPermutations);
    QCOMPARE(report.experimentId, known_);
    QCOMPARE(report.experiment, QStringLiteral("languages"));
    QCOMPARE(report.pivot, QStringLiteral("en"));
    QVERIFY2(report.notes.isEmpty(), qPrintable(report.notes.join("; ")));
    QCOMPARE(report.points.size(), 3);  // the target without a language has none
    const QStringList codes = {"de", "fr", "ja"};
    const QStringList names = {"German", "French", "Japanese"};
    for (int i = 0; i < 3; ++i) {
      const LanguagePoint& p = report.points[i];
      QCOMPARE(p.language, codes[i]);
      QCOMPARE(p.target, QStringLiteral("udhr/") + codes[i]);
      QCOMPARE(p.name, names[i]);
      QCOMPARE(p.gain.metric, QStringLiteral("retrieval"));
      QCOMPARE(p.gain.delta.n, 2);
      QVERIFY2(near(p.gain.delta.mean, kDelta.at(codes[i])), qPrintable(p.language));
      QVERIFY(std::isnan(p.gap));  // no zero-shot target, no gap
    }
  }

  void distancesAreTheTables() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kPermutations);
    const Language& english = table_.get(QStringLiteral("en"));
    QCOMPARE(report.distanceIds,
             QStringList({"genetic", "syntactic", "phonological", "featural", "geographic"}));
    for (const LanguagePoint& p : report.points) {
      const QVector<NamedDistance> expected = languageDistances(english, table_.get(p.language));
      QCOMPARE(p.distance.size(), size_t(expected.size()));
      for (const NamedDistance& d : expected) {
        QVERIFY2(d.distance.known, qPrintable(p.language + ' ' + d.id));  // the fixture has all
        QVERIFY2(sameDistance(p.distance.at(d.id), d.distance),
                 qPrintable(p.language + ' ' + d.id));
        QCOMPARE(p.compared.at(d.id), d.distance.compared);
      }
    }
    // By hand: CLDR paths and the six WALS features.
    const double genetic[] = {0.25, 0.75, 1.0};
    const double featural[] = {1.0 / 6, 2.0 / 6, 3.0 / 6};
    for (int i = 0; i < 3; ++i) {
      QVERIFY(near(report.points[i].distance.at("genetic"), genetic[i]));
      QVERIFY(near(report.points[i].distance.at("featural"), featural[i]));
    }
  }

  void correlatesDeltaWithEachDistance() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kPermutations);
    QCOMPARE(report.correlations.size(), report.distanceIds.size());  // delta only: no gaps
    for (const DistanceCorrelation& c : report.correlations) {
      QCOMPARE(c.metric, QStringLiteral("retrieval"));
      QCOMPARE(c.measure, QStringLiteral("delta"));
      QVERIFY(!c.standsFor.isEmpty());
      QCOMPARE(c.pearson.n, 3);
      QCOMPARE(c.spearman.n, 3);
      QCOMPARE(c.pearson.permutations, kPermutations);
      QVERIFY(c.pearson.p > 0 && c.pearson.p <= 1);
      // Each coefficient is Pearson's r of the points' distance against their Δ.
      QVector<double> x, y;
      for (const LanguagePoint& p : report.points) {
        x << p.distance.at(c.distance);
        y << kDelta.at(p.language);
      }
      QVERIFY2(near(c.pearson.r, handPearson(x, y)), qPrintable(c.distance));
    }
    // Genetic distance {0.25, 0.75, 1} against Δ {0.17, 0.07, -0.02}: worked out by hand.
    const DistanceCorrelation* genetic = deltaCorrelation(report, QStringLiteral("genetic"));
    QVERIFY(genetic);
    QVERIFY2(std::abs(genetic->pearson.r - -0.987267385) < 1e-8,
             qPrintable(QString::number(genetic->pearson.r, 'g', 12)));
    QVERIFY(near(genetic->spearman.r, -1.0));  // the farther, the smaller the gain
  }

  void aLanguageTheTableLacksHasANoteAndNoDistances() {
    const LanguageReport report = buildLanguageReport(*store_, missing_, table_, kPermutations);
    QCOMPARE(report.points.size(), 4);
    const LanguagePoint& swahili = report.points[3];
    QCOMPARE(swahili.language, QStringLiteral("sw"));
    QVERIFY(swahili.name.isEmpty());
    QVERIFY(near(swahili.gain.delta.mean, 0.08));
    QCOMPARE(swahili.distance.size(), size_t(report.distanceIds.size()));
    for (const QString& id : report.distanceIds)
      QVERIFY2(std::isnan(swahili.distance.at(id)), qPrintable(id));
    QCOMPARE(report.notes.size(), 1);
    QVERIFY2(report.notes[0].startsWith(QStringLiteral("sw:")), qPrintable(report.notes[0]));
    QVERIFY(report.notes[0].contains(QStringLiteral("not in the language table")));
    // Its NaN distances leave it out of every correlation: the other three as before.
    const DistanceCorrelation* genetic = deltaCorrelation(report, QStringLiteral("genetic"));
    QVERIFY(genetic);
    QCOMPARE(genetic->pearson.n, 3);
    QVERIFY(std::abs(genetic->pearson.r - -0.987267385) < 1e-8);
  }

  void wordOverlapFromTheParallelCorpus() {
    QCOMPARE(parallelCorporaOf(*store_, known_), QStringList{"udhr"});
    const std::map<QString, ParallelCorpus> corpora = {{QStringLiteral("udhr"), smallCorpus()}};
    const LanguageReport report =
        buildLanguageReport(*store_, known_, table_, kPermutations, corpora);
    QCOMPARE(report.distanceIds.size(), 6);
    QCOMPARE(report.distanceIds.last(), QStringLiteral("word_overlap"));
    const double overlap[] = {2.0 / 12, 1.0 / 12, 0.0};
    const int compared[] = {12, 12, 8};
    for (int i = 0; i < 3; ++i) {
      const LanguagePoint& p = report.points[i];
      QVERIFY2(near(p.distance.at("word_overlap"), overlap[i]), qPrintable(p.language));
      QCOMPARE(p.compared.at("word_overlap"), compared[i]);
    }
    const DistanceCorrelation* c = deltaCorrelation(report, QStringLiteral("word_overlap"));
    QVERIFY(c);
    QCOMPARE(c->pearson.n, 3);
    QVERIFY2(std::abs(c->pearson.r - 0.99953863896) < 1e-8,
             qPrintable(QString::number(c->pearson.r, 'g', 12)));
    QVERIFY(c->standsFor.contains(QStringLiteral("overlap")));

    // Without the corpus there is no overlap to report.
    const LanguageReport plain = buildLanguageReport(*store_, known_, table_, kPermutations);
    QVERIFY(!plain.distanceIds.contains(QStringLiteral("word_overlap")));
  }
};

QTEST_GUILESS_MAIN(LanguageReportTest)
#include "test_language_report.moc"

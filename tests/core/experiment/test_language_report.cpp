// Pins buildLanguageReport on a store the test fills: one point per language and task, the
// table's distances from English, Δ per language with its interval, correlations per task
// checked against hand values (n >= 4, exact permutations, Holm), languages the table lacks,
// chance, and the lexical distance from a parallel corpus.
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

constexpr int kFewPermutations = 99;

// Twenty features every fixture language shares with equal values, so each pair reaches the
// minimum of ten shared WALS features; the six below decide the mismatch.
QMap<QString, QString> withCommon(QMap<QString, QString> features) {
  for (int chapter = 97; chapter <= 106; ++chapter)
    features.insert(QStringLiteral("%1A").arg(chapter), QStringLiteral("1 Same"));
  for (int chapter = 2; chapter <= 11; ++chapter)
    features.insert(QStringLiteral("%1A").arg(chapter), QStringLiteral("1 Same"));
  return features;
}

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
  l.wals.features = withCommon(features);
  return l;
}

// English and four languages at known distances: genetic (CLDR paths) 0.25, 0.75, 1 and 0.75;
// over the six WALS features (and twenty common ones), German differs in one, French in two,
// Japanese in three, Russian in one.
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
      language("rus", "ru", "Russian", {"zle", "sla", "ine"}, "rus", 56, 38,
               {{"81A", "2 SVO"},
                {"85A", "2 Prepositions"},
                {"87A", "1 Adjective-Noun"},
                {"1A", "2 Moderately small"},
                {"13A", "1 No tones"},
                {"26A", "2 Strongly suffixing"}}),
  });
}

// test retrieval by target, arm and seed: Δ de {0.20, 0.14}, fr {0.08, 0.06}, ja {-0.02, -0.02},
// ru {0.05, 0.03}.
using Scores = std::map<QString, std::map<QString, std::map<int, double>>>;
const Scores kRetrieval = {
    {"de", {{"baseline", {{1, 0.40}, {2, 0.50}}}, {"transfer", {{1, 0.60}, {2, 0.64}}}}},
    {"fr", {{"baseline", {{1, 0.30}, {2, 0.20}}}, {"transfer", {{1, 0.38}, {2, 0.26}}}}},
    {"ja", {{"baseline", {{1, 0.10}, {2, 0.12}}}, {"transfer", {{1, 0.08}, {2, 0.10}}}}},
    {"ru", {{"baseline", {{1, 0.30}, {2, 0.35}}}, {"transfer", {{1, 0.35}, {2, 0.38}}}}},
    {"sw", {{"baseline", {{1, 0.05}, {2, 0.07}}}, {"transfer", {{1, 0.15}, {2, 0.13}}}}},
};
const std::map<QString, double> kDelta = {{"de", 0.17}, {"fr", 0.07}, {"ja", -0.02}, {"ru", 0.04}};

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
// "dog" of 6 + 6 types, French "dog" of 6 + 6, Japanese none of 6 + 6 (characters: 猫 が 寝 る
// 犬 走), Russian none of 6 + 4.
ParallelCorpus smallCorpus() {
  ParallelCorpus corpus;
  corpus.id = QStringLiteral("udhr");
  const std::map<QString, QStringList> texts = {
      {"en", {"the cat sleeps", "a dog runs"}}, {"de", {"die cat schläft", "ein dog läuft"}},
      {"fr", {"le chat dort", "un dog court"}}, {"ja", {"猫が寝る", "犬が走る"}},
      {"ru", {"кошка спит", "собака бежит"}},
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
  qint64 known_ = 0;    // de, fr, ja, ru
  qint64 missing_ = 0;  // de, fr, ja, ru and sw, which the table does not know

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    store_ = std::make_unique<RunStore>(dir_.filePath("runs.sqlite"));
    known_ = storeExperiment(*store_, {"de", "fr", "ja", "ru"});
    missing_ = storeExperiment(*store_, {"de", "fr", "ja", "ru", "sw"});
  }

  void pointsForTheLanguageTargets() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kFewPermutations);
    QCOMPARE(report.experimentId, known_);
    QCOMPARE(report.experiment, QStringLiteral("languages"));
    QCOMPARE(report.pivot, QStringLiteral("en"));
    QVERIFY2(report.notes.isEmpty(), qPrintable(report.notes.join("; ")));
    QCOMPARE(report.points.size(), 4);  // the target without a language has none
    const QStringList codes = {"de", "fr", "ja", "ru"};
    const QStringList names = {"German", "French", "Japanese", "Russian"};
    for (int i = 0; i < 4; ++i) {
      const LanguagePoint& p = report.points[i];
      QCOMPARE(p.language, codes[i]);
      QCOMPARE(p.targets, QStringList{QStringLiteral("udhr/") + codes[i]});
      QCOMPARE(p.name, names[i]);
      QCOMPARE(p.group, QStringLiteral("retrieval/retrieval"));
      QCOMPARE(p.metric, QStringLiteral("retrieval"));
      QCOMPARE(p.delta.n, 2);
      QVERIFY2(near(p.delta.mean, kDelta.at(codes[i])), qPrintable(p.language));
      QVERIFY(p.delta.ci95.valid());  // two seeds: a t interval with 1 degree of freedom
      QVERIFY(p.delta.ci95.low <= p.delta.mean && p.delta.mean <= p.delta.ci95.high);
      QCOMPARE(p.pool, 20);  // the stored pool size: chance is 1/20
      QVERIFY(near(p.chance, 1.0 / 20));
      QVERIFY(std::isnan(p.gap));  // no zero-shot target, no gap
    }
  }

  void twoTargetsOfOneLanguageAreOnePoint() {
    RunStore store(dir_.filePath(QStringLiteral("twice.sqlite")));
    const qint64 id = store.addExperiment(QStringLiteral("twice"), QStringLiteral(R"(name: twice
model: {arch: bert, size: tiny}
targets:
  - {dataset: udhr, task: retrieval, languages: [de, fr, ja, ru]}
  - {dataset: cldr-names, task: retrieval, language: de}
protocol: {seeds: [1, 2]}
)"));
    auto add = [&](const QString& target, const QString& arm, int seed, double value) {
      const qint64 run = store.addRun(id, arm, target, seed);
      store.addResult({run, QStringLiteral("test"), QStringLiteral("retrieval"), value});
      store.setRunStatus(run, QStringLiteral("finished"));
    };
    for (const QString& code : {"de", "fr", "ja", "ru"})
      for (int seed : {1, 2})
        for (const QString& arm : {QStringLiteral("baseline"), QStringLiteral("transfer")})
          add(QStringLiteral("udhr/") + code, arm, seed, kRetrieval.at(code).at(arm).at(seed));
    // German again on another corpus: Δ 0.01 and 0.03, averaged seed by seed with udhr/de's.
    add(QStringLiteral("cldr-names/de"), QStringLiteral("baseline"), 1, 0.5);
    add(QStringLiteral("cldr-names/de"), QStringLiteral("transfer"), 1, 0.51);
    add(QStringLiteral("cldr-names/de"), QStringLiteral("baseline"), 2, 0.5);
    add(QStringLiteral("cldr-names/de"), QStringLiteral("transfer"), 2, 0.53);
    const LanguageReport report = buildLanguageReport(store, id, table_, kFewPermutations);
    QCOMPARE(report.points.size(), 4);
    const LanguagePoint& german = report.points.front();
    QCOMPARE(german.targets, (QStringList{"udhr/de", "cldr-names/de"}));
    QCOMPARE(german.delta.n, 2);
    QVERIFY(near(german.delta.mean, ((0.20 + 0.01) / 2 + (0.14 + 0.03) / 2) / 2));
    for (const DistanceCorrelation& c : report.correlations) QCOMPARE(c.pearson.n <= 4, true);
  }

  void distancesAreTheTables() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kFewPermutations);
    const Language& english = table_.get(QStringLiteral("en"));
    QCOMPARE(report.distanceIds, QStringList({"genetic_cldr", "wals_syntax", "wals_phonology",
                                              "wals_all", "geographic"}));
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
    // By hand: CLDR paths and the six WALS features (and twenty equal ones).
    const double genetic[] = {0.25, 0.75, 1.0, 0.75};
    const double all[] = {1.0 / 26, 2.0 / 26, 3.0 / 26, 1.0 / 26};
    for (int i = 0; i < 4; ++i) {
      QVERIFY(near(report.points[i].distance.at("genetic_cldr"), genetic[i]));
      QVERIFY(near(report.points[i].distance.at("wals_all"), all[i]));
      QCOMPARE(report.points[i].compared.at("wals_all"), 26);
    }
  }

  void correlatesDeltaWithEachDistance() {
    const LanguageReport report = buildLanguageReport(*store_, known_, table_, kFewPermutations);
    QCOMPARE(report.correlations.size(), report.distanceIds.size());  // delta only: no gaps
    std::vector<double> raw;
    for (const DistanceCorrelation& c : report.correlations) {
      QCOMPARE(c.group, QStringLiteral("retrieval/retrieval"));
      QCOMPARE(c.measure, QStringLiteral("delta"));
      QVERIFY(!c.standsFor.isEmpty());
      QCOMPARE(c.pearson.n, 4);
      QCOMPARE(c.spearman.n, 4);
      // 4! = 24 orders: the p-value is exact, whatever the permutation count asked for.
      QVERIFY(c.pearson.exact);
      QCOMPARE(c.pearson.permutations, 24);
      QVERIFY(c.pearson.p > 0 && c.pearson.p <= 1);
      QVERIFY(c.pearsonHolm >= c.pearson.p);
      raw.push_back(c.pearson.p);
      raw.push_back(c.spearman.p);
      // Each coefficient is Pearson's r of the points' distance against their Δ.
      QVector<double> x, y;
      for (const LanguagePoint& p : report.points) {
        x << p.distance.at(c.distance);
        y << kDelta.at(p.language);
      }
      QVERIFY2(near(c.pearson.r, handPearson(x, y)), qPrintable(c.distance));
    }
    // Holm over every test printed: the smallest raw p is multiplied by their number.
    const double smallest = *std::min_element(raw.begin(), raw.end());
    double smallestAdjusted = 1;
    for (const DistanceCorrelation& c : report.correlations)
      smallestAdjusted = std::min({smallestAdjusted, c.pearsonHolm, c.spearmanHolm});
    QVERIFY(near(smallestAdjusted, std::min(1.0, smallest * raw.size())));
    // Genetic distance {0.25, 0.75, 1, 0.75} against Δ {0.17, 0.07, -0.02, 0.04}: scipy's
    // pearsonr -0.984564809499459, spearmanr -0.9486832980505139.
    const DistanceCorrelation* genetic = deltaCorrelation(report, QStringLiteral("genetic_cldr"));
    QVERIFY(genetic);
    QVERIFY2(std::abs(genetic->pearson.r - -0.984564809499459) < 1e-9,
             qPrintable(QString::number(genetic->pearson.r, 'g', 12)));
    QVERIFY(std::abs(genetic->spearman.r - -0.9486832980505139) < 1e-9);
  }

  void fewerThanFourLanguagesAreNotCorrelated() {
    RunStore store(dir_.filePath(QStringLiteral("three.sqlite")));
    const qint64 id = storeExperiment(store, {"de", "fr", "ja"});
    const LanguageReport report = buildLanguageReport(store, id, table_, kFewPermutations);
    QCOMPARE(report.points.size(), 3);
    QVERIFY(report.correlations.isEmpty());
    QVERIFY2(report.notes.join(' ').contains(QStringLiteral("fewer than the 4")),
             qPrintable(report.notes.join("; ")));
  }

  void languagesAtChanceAreSaidInWords() {
    // Every language retrieves 1 of 20 items in both arms: nobody beats chance (1/20).
    RunStore store(dir_.filePath(QStringLiteral("chance.sqlite")));
    const qint64 id = store.addExperiment(QStringLiteral("chance"),
                                          experimentYaml(QStringLiteral("de, fr, ja, ru")));
    int k = 0;
    for (const QString& code : {"de", "fr", "ja", "ru"})
      for (int seed : {1, 2})
        for (const QString& arm : {QStringLiteral("baseline"), QStringLiteral("transfer")}) {
          const qint64 run = store.addRun(id, arm, QStringLiteral("udhr/") + code, seed);
          store.addResult({run, QStringLiteral("test"), QStringLiteral("retrieval"),
                           (++k % 2 ? 1.0 : 2.0) / 20});
          store.addResult({run, QStringLiteral("test"), QStringLiteral("items"), 20});
          store.setRunStatus(run, QStringLiteral("finished"));
        }
    const LanguageReport report = buildLanguageReport(store, id, table_, kFewPermutations);
    for (const LanguagePoint& p : report.points) QVERIFY2(p.atChance, qPrintable(p.language));
    QVERIFY2(report.notes.join(' ').contains(QStringLiteral("4 of 4 languages score no better "
                                                            "than chance")),
             qPrintable(report.notes.join("; ")));
    QCOMPARE(report.correlations.front().atChance, 4);
  }

  void aLanguageTheTableLacksHasANoteAndNoDistances() {
    const LanguageReport report = buildLanguageReport(*store_, missing_, table_, kFewPermutations);
    QCOMPARE(report.points.size(), 5);
    const LanguagePoint& swahili = report.points[4];
    QCOMPARE(swahili.language, QStringLiteral("sw"));
    QVERIFY(swahili.name.isEmpty());
    QVERIFY(near(swahili.delta.mean, 0.08));
    QCOMPARE(swahili.distance.size(), size_t(report.distanceIds.size()));
    for (const QString& id : report.distanceIds)
      QVERIFY2(std::isnan(swahili.distance.at(id)), qPrintable(id));
    QCOMPARE(report.notes.size(), 1);
    QVERIFY2(report.notes[0].startsWith(QStringLiteral("sw:")), qPrintable(report.notes[0]));
    QVERIFY(report.notes[0].contains(QStringLiteral("not in the language table")));
    // Its NaN distances leave it out of every correlation: the other four as before.
    const DistanceCorrelation* genetic = deltaCorrelation(report, QStringLiteral("genetic_cldr"));
    QVERIFY(genetic);
    QCOMPARE(genetic->pearson.n, 4);
    QVERIFY(std::abs(genetic->pearson.r - -0.984564809499459) < 1e-9);
  }

  void lexicalDistanceFromTheParallelCorpus() {
    QCOMPARE(parallelCorporaOf(*store_, known_), QStringList{"udhr"});
    const std::map<QString, ParallelCorpus> corpora = {{QStringLiteral("udhr"), smallCorpus()}};
    const LanguageReport report =
        buildLanguageReport(*store_, known_, table_, kFewPermutations, corpora);
    QCOMPARE(report.distanceIds.size(), 6);
    QCOMPARE(report.distanceIds.last(), QStringLiteral("lexical"));
    // 1 - Dice: shared types 2, 1, 0, 0.
    const double lexical[] = {1 - 4.0 / 12, 1 - 2.0 / 12, 1.0, 1.0};
    const int compared[] = {12, 12, 12, 10};
    for (int i = 0; i < 4; ++i) {
      const LanguagePoint& p = report.points[i];
      QVERIFY2(near(p.distance.at("lexical"), lexical[i]), qPrintable(p.language));
      QCOMPARE(p.compared.at("lexical"), compared[i]);
    }
    const DistanceCorrelation* c = deltaCorrelation(report, QStringLiteral("lexical"));
    QVERIFY(c);
    QCOMPARE(c->pearson.n, 4);
    // scipy: pearsonr(lexical, Δ) = -0.9430640961090023: the farther, the smaller the gain.
    QVERIFY2(std::abs(c->pearson.r - -0.9430640961090023) < 1e-9,
             qPrintable(QString::number(c->pearson.r, 'g', 12)));
    QVERIFY(c->standsFor.contains(QStringLiteral("Dice")));

    // Without the corpus there is no lexical distance to report.
    const LanguageReport plain = buildLanguageReport(*store_, known_, table_, kFewPermutations);
    QVERIFY(!plain.distanceIds.contains(QStringLiteral("lexical")));
  }

  void partialCorrelationControlsForThePretrainingShare() {
    // Shares that vary: the partial r and the OLS table exist and name their control.
    const std::map<QString, double> shares = {
        {"de", 0.05}, {"fr", 0.04}, {"ja", 0.01}, {"ru", 0.02}, {"en", 0.5}};
    const LanguageReport report =
        buildLanguageReport(*store_, known_, table_, kFewPermutations, {}, shares);
    const DistanceCorrelation* genetic = deltaCorrelation(report, QStringLiteral("genetic_cldr"));
    QVERIFY(genetic);
    QCOMPARE(genetic->controls, QStringList{"log pretraining share"});
    QVERIFY(std::isfinite(genetic->partialR));
    QCOMPARE(genetic->partialN, 4);
    QVERIFY(genetic->ols.valid());
    QCOMPARE(genetic->ols.coefficients.size(), size_t(3));  // intercept, distance, share
    QVERIFY(near(report.points[0].pretrainShare, 0.05));
  }
};

QTEST_GUILESS_MAIN(LanguageReportTest)
#include "test_language_report.moc"

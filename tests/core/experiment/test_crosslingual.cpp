// Pins the cross-lingual experiment end to end on a parallel corpus the test writes itself:
// retrieval targets (no training, stored scores), a zero-shot target tested on its own language,
// gains and gaps read back from the store, and bad cross-lingual input that stores nothing.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "data/DatasetReader.h"
#include "data/ParallelCache.h"
#include "data/ParallelCorpus.h"
#include "data/Splitter.h"
#include "experiment/Engine.h"
#include "experiment/StoredGains.h"
#include "store/RunStore.h"
#include "support/LogRecorder.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

// Twenty short English items, the pivot of the synthetic corpus.
const QStringList kEnglish = {
    "everyone has the right to life",
    "no one shall be held in slavery",
    "all people are born free and equal",
    "everyone may leave any country",
    "the family is the natural group unit",
    "everyone has the right to own property",
    "everyone has the right to rest and leisure",
    "parents may choose the kind of education",
    "everyone has the right to a nationality",
    "no one shall be tortured",
    "all are equal before the law",
    "everyone has the right to work",
    "the will of the people is the basis of authority",
    "everyone may take part in the government",
    "men and women may marry and found a family",
    "everyone has the right to freedom of thought",
    "no one shall be arbitrarily arrested",
    "everyone has the right to a fair hearing",
    "everyone has duties to the community",
    "everyone has the right to peaceful assembly",
};

// Synthetic "languages": deterministic rewritings of English, so a translation shares its
// structure with its original and retrieval has something to find.
QString shifted(const QString& text) {  // every letter moved one along the alphabet
  QString out = text;
  for (QChar& c : out)
    if (c >= u'a' && c <= u'z') c = QChar(u'a' + (c.unicode() - u'a' + 1) % 26);
  return out;
}

QString reversedWords(const QString& text) {  // every word spelt backwards
  QStringList words = text.split(QLatin1Char(' '));
  for (QString& word : words) std::reverse(word.begin(), word.end());
  return words.join(QLatin1Char(' '));
}

QString swappedVowels(const QString& text) {  // a->o, e->i, i->u, o->a, u->e
  static const QString from = QStringLiteral("aeiou");
  static const QString to = QStringLiteral("oiuae");
  QString out = text;
  for (QChar& c : out)
    if (const qsizetype at = from.indexOf(c); at >= 0) c = to[at];
  return out;
}

// The corpus the "udhr" cache holds: English, three rewritings and an exact copy ("sco"),
// whose items must retrieve their originals.
ParallelCorpus syntheticCorpus() {
  ParallelCorpus corpus;
  corpus.id = QStringLiteral("udhr");
  for (qsizetype i = 0; i < kEnglish.size(); ++i) {
    const QString key = QStringLiteral("a%1").arg(i + 1, 2, 10, QLatin1Char('0'));
    addParallelText(corpus, QStringLiteral("en"), key, kEnglish[i]);
    addParallelText(corpus, QStringLiteral("de"), key, shifted(kEnglish[i]));
    addParallelText(corpus, QStringLiteral("fr"), key, reversedWords(kEnglish[i]));
    addParallelText(corpus, QStringLiteral("nl"), key, swappedVowels(kEnglish[i]));
    addParallelText(corpus, QStringLiteral("sco"), key, kEnglish[i]);
  }
  corpus.names = {{QStringLiteral("en"), QStringLiteral("English")},
                  {QStringLiteral("de"), QStringLiteral("German")}};
  return corpus;
}

// Labelled sentences whose polarity shows in their words.
QByteArray reviewsTsv(int n, const QStringList& good, const QStringList& bad,
                      const QStringList& filler, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&rng](const QStringList& l) {
    return l[static_cast<qsizetype>(rng() % static_cast<uint64_t>(l.size()))];
  };
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < n; ++i) {
    const bool positive = i % 2 == 1;
    QStringList words;
    for (int w = 0; w < 5; ++w)
      words << (rng() % 3 == 0 ? pick(positive ? good : bad) : pick(filler));
    words << QString::number(i);  // no two rows alike
    out += words.join(QLatin1Char(' ')).toUtf8() + '\t' + (positive ? "pos" : "neg") + '\n';
  }
  return out;
}

QByteArray englishReviews(int n, uint64_t seed) {
  return reviewsTsv(n, {"great", "lovely", "superb", "fine"}, {"awful", "poor", "dull", "bad"},
                    {"the", "film", "was", "really", "plot", "and", "acting"}, seed);
}

// The zero-shot target's language: every row is "molto bene" with a different number of
// spaces in between. The rows are distinct texts for the splitter, but the tokenizer drops the
// extra spaces, so the model sees one input and predicts one label for every test row: the
// test accuracy is then the share of that label in the target file's own test split.
QByteArray italianReviews(int positives, int negatives) {
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < positives + negatives; ++i)
    out += "molto" + QByteArray(i + 1, ' ') + "bene\t" + (i < positives ? "pos" : "neg") + '\n';
  return out;
}

const char* kYaml = R"(name: crosslingual-test
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 150}
pretrain: {text: [udhr, {path: movies.tsv, text: sentence}], steps: 4, batch_size: 16, alpha: 0.3}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 1}
targets:
  - {dataset: udhr, task: retrieval, languages: [de, fr, nl, sco]}
  - dataset: {path: reviews-it.tsv, text: sentence, label: polarity, language: it}
    task: sentiment
    setting: zero-shot
    source: {path: reviews-en.tsv, text: sentence, label: polarity}
  - {dataset: {path: reviews-nl.tsv, text: sentence, label: polarity, language: nl}, task: sentiment}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 24, epochs: 2, threads: 1}
)";

const QStringList kRetrieved = {"de", "fr", "nl", "sco"};

using Silent = test::LogRecorder;

bool isMultipleOf(double value, int denominator) {
  const double scaled = value * denominator;
  return std::abs(scaled - std::round(scaled)) < 1e-9;
}

}  // namespace

class CrosslingualTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString dataDir_;
  ExperimentSpec spec_;
  RunOptions options_;
  ExperimentOutcome outcome_;

  // A spec from kYaml with one line replaced, written beside the fixtures.
  ExperimentSpec variant(const QByteArray& from, const QByteArray& to, const QString& name) {
    QByteArray yaml = kYaml;
    if (!yaml.contains(from)) throw std::logic_error("fixture: no " + from.toStdString());
    yaml.replace(from, to);
    return loadExperiment(test::writeFile(dir_, name, yaml));
  }

  RunOptions optionsFor(const QString& db) const {
    RunOptions options = options_;
    options.dbPath = dir_.filePath(db);
    return options;
  }

  static bool storesNothing(const QString& dbPath) {
    return !QFile::exists(dbPath) || RunStore(dbPath).experiments().isEmpty();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    dataDir_ = dir_.filePath(QStringLiteral("data"));
    writeParallelCache(dataDir_ + QStringLiteral("/udhr"), syntheticCorpus(), {},
                       QStringLiteral("test fixture"), QString());
    qputenv("TWB_DATA_DIR", dataDir_.toUtf8());
    test::writeFile(dir_, "movies.tsv", englishReviews(240, 1));
    test::writeFile(dir_, "reviews-en.tsv", englishReviews(40, 2));
    test::writeFile(dir_, "reviews-it.tsv", italianReviews(21, 7));
    test::writeFile(dir_, "reviews-nl.tsv",
                    reviewsTsv(40, {"goed", "mooi", "leuk"}, {"slecht", "saai", "lelijk"},
                               {"de", "film", "was", "echt", "heel", "en"}, 3));
    spec_ = loadExperiment(test::writeFile(dir_, "exp.yaml", kYaml));
    options_.dataDir = dataDir_;
    options_.threads = 1;
    options_.device = QStringLiteral("cpu");
    options_.dbPath = dir_.filePath("runs.sqlite");
    Silent state;
    outcome_ = Engine::run(spec_, options_, state);
  }

  void finishesWithAGainPerLanguageTarget() {
    QCOMPARE(outcome_.status, QStringLiteral("finished"));
    QVERIFY2(outcome_.error.isEmpty(), qPrintable(outcome_.error));
    QCOMPARE(outcome_.gains.size(), kRetrieved.size() + 2);
    for (qsizetype i = 0; i < kRetrieved.size(); ++i) {
      const TargetGain& g = outcome_.gains[i];
      QCOMPARE(g.target, QStringLiteral("udhr/") + kRetrieved[i]);
      QCOMPARE(g.language, kRetrieved[i]);
      QCOMPARE(g.metric, QStringLiteral("retrieval"));
      QCOMPARE(g.baseline.n, 2);
      QCOMPARE(g.transfer.n, 2);
      QCOMPARE(g.delta.n, 2);
    }
    const TargetGain& zeroShot = outcome_.gains[kRetrieved.size()];
    QCOMPARE(zeroShot.target, QStringLiteral("reviews-it"));
    QCOMPARE(zeroShot.language, QStringLiteral("it"));
    QCOMPARE(zeroShot.metric, QStringLiteral("accuracy"));
    const TargetGain& inLanguage = outcome_.gains[kRetrieved.size() + 1];
    QCOMPARE(inLanguage.target, QStringLiteral("reviews-nl"));
    QCOMPARE(inLanguage.language, QStringLiteral("nl"));
    QCOMPARE(inLanguage.metric, QStringLiteral("accuracy"));
  }

  void retrievalRunsStoreScoresAndTrainNothing() {
    RunStore store(options_.dbPath);
    const qint64 id = outcome_.experimentId;
    std::set<qint64> retrievalRuns;
    for (const RunRecord& r : store.runs(id)) {
      QCOMPARE(r.status, QStringLiteral("finished"));
      if (r.target.startsWith(QStringLiteral("udhr/"))) retrievalRuns.insert(r.id);
    }
    QCOMPARE(retrievalRuns.size(), size_t(kRetrieved.size() * 2 * 2));  // x arms x seeds

    const QVector<PredictionRecord> predictions = store.predictions(id);
    for (qint64 runId : retrievalRuns) {
      std::map<QString, double> test;
      for (const ResultRecord& res : store.resultsOfRun(runId)) {
        // Besides its scores, a run keeps what the contamination check found for its target.
        if (res.split == QLatin1String("contamination")) continue;
        QCOMPARE(res.split, QStringLiteral("test"));
        test[res.metric] = res.value;
      }
      for (const char* metric : {"retrieval", "retrieval_en_to_x", "retrieval_x_to_en"}) {
        QVERIFY2(test.count(metric), metric);
        QVERIFY2(test[metric] >= 0 && test[metric] <= 1, metric);
        QVERIFY2(isMultipleOf(test[metric], 2 * int(kEnglish.size())), metric);
      }
      QCOMPARE(test["retrieval"], (test["retrieval_en_to_x"] + test["retrieval_x_to_en"]) / 2);
      QCOMPARE(test["items"], double(kEnglish.size()));
      // Per-item predictions in both directions recompute the stored accuracies.
      int forward = 0, backward = 0, rows = 0;
      for (const PredictionRecord& p : predictions)
        if (p.runId == runId) {
          ++rows;
          (p.part == QLatin1String("test") ? forward : backward) += p.predicted == p.gold;
        }
      QCOMPARE(rows, 2 * int(kEnglish.size()));
      QCOMPARE(double(forward) / kEnglish.size(), test["retrieval_en_to_x"]);
      QCOMPARE(double(backward) / kEnglish.size(), test["retrieval_x_to_en"]);
      // Nothing is trained: no stage of its own, so no points.
      for (const StageRecord& s : store.stagesOfRun(runId))
        QVERIFY2(s.runId != runId, qPrintable(s.name));
    }

    // Target stages only for the two trained targets; shared stages once per seed.
    int targetStages = 0;
    for (const StageRecord& s : store.stages(id)) {
      QVERIFY(!retrievalRuns.count(s.runId));
      if (s.name == QLatin1String("target")) {
        ++targetStages;
        QVERIFY(!store.points(s.id).isEmpty());
      }
    }
    QCOMPARE(targetStages, 2 * 2 * 2);  // trained targets x arms x seeds
  }

  void anExactCopyRetrievesItsOriginals() {
    // "sco" repeats English item by item: whatever the encoder, each item's nearest
    // neighbour is its own copy, so a pairing error (items misaligned) would show here.
    RunStore store(options_.dbPath);
    std::map<qint64, RunRecord> runs;
    for (const RunRecord& r : store.runs(outcome_.experimentId)) runs[r.id] = r;
    int checked = 0;
    for (const ResultRecord& res : store.results(outcome_.experimentId))
      if (runs[res.runId].target == QLatin1String("udhr/sco") &&
          res.metric == QLatin1String("retrieval")) {
        QVERIFY2(res.value >= 0.9, qPrintable(QString::number(res.value)));
        ++checked;
      }
    QCOMPARE(checked, 4);
  }

  void zeroShotIsTestedOnItsOwnLanguage() {
    RunStore store(options_.dbPath);
    const TargetSpec& target = spec_.targets[kRetrieved.size()];
    QCOMPARE(target.setting, QStringLiteral("zero-shot"));
    const Dataset italian = readDataset(target.dataset, target.task);
    const Dataset english = readDataset(*target.source, target.task);
    QCOMPARE(italian.labels, english.labels);
    int runs = 0;
    for (const RunRecord& r : store.runs(outcome_.experimentId)) {
      if (r.target != QLatin1String("reviews-it")) continue;
      ++runs;
      const QVector<Example> tested = splitDataset(italian, spec_.protocol, r.seed).test;
      const int nEnglish = int(splitDataset(english, spec_.protocol, r.seed).test.size());
      // The model predicts one label for every (identical) test input, so the accuracy is
      // the share of one label in the Italian test split.
      QSet<double> possible;
      for (int label = 0; label < italian.labels.size(); ++label) {
        const auto count = std::count_if(tested.begin(), tested.end(),
                                         [label](const Example& e) { return e.label == label; });
        possible.insert(double(count) / double(tested.size()));
      }
      for (double p : possible)  // the fixture tells the two test sets apart
        QVERIFY2(!isMultipleOf(p, nEnglish), "fixture: pick other sizes");

      std::optional<double> test, source;
      for (const ResultRecord& res : store.resultsOfRun(r.id)) {
        if (res.metric != QLatin1String("accuracy")) continue;
        if (res.split == QLatin1String("test")) test = res.value;
        if (res.split == QLatin1String("source_test")) source = res.value;
      }
      QVERIFY(test && source);
      bool matched = false;
      for (double p : possible) matched |= std::abs(*test - p) < 1e-9;
      QVERIFY2(matched, qPrintable(QStringLiteral("accuracy %1 over %2 Italian test rows")
                                       .arg(*test)
                                       .arg(tested.size())));
      QVERIFY2(isMultipleOf(*source, nEnglish), qPrintable(QString::number(*source)));
    }
    QCOMPARE(runs, 4);
  }

  void storedGainsEqualTheOutcome() {
    RunStore store(options_.dbPath);
    const QVector<TargetGain> stored = gainsFromStore(store, outcome_.experimentId);
    QCOMPARE(stored.size(), outcome_.gains.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
      const TargetGain& a = stored[i];
      const TargetGain& b = outcome_.gains[i];
      QCOMPARE(a.target, b.target);
      QCOMPARE(a.language, b.language);
      QCOMPARE(a.metric, b.metric);
      QCOMPARE(a.baseline.mean, b.baseline.mean);
      QCOMPARE(a.transfer.mean, b.transfer.mean);
      QCOMPARE(a.delta.mean, b.delta.mean);
      QCOMPARE(a.delta.sd, b.delta.sd);
      QCOMPARE(a.delta.n, b.delta.n);
    }
  }

  void gapOnlyForTheZeroShotTarget() {
    RunStore store(options_.dbPath);
    const QVector<TransferGap> gaps = gapsFromStore(store, outcome_.experimentId);
    QCOMPARE(gaps.size(), 1);
    QCOMPARE(gaps[0].target, QStringLiteral("reviews-it"));
    QCOMPARE(gaps[0].baseline.n, 2);
    QCOMPARE(gaps[0].transfer.n, 2);
    // English minus Italian accuracy, per run, averaged per arm.
    std::map<qint64, std::map<QString, double>> byRun;
    for (const ResultRecord& res : store.results(outcome_.experimentId))
      if (res.metric == QLatin1String("accuracy")) byRun[res.runId][res.split] = res.value;
    std::map<QString, double> sum;
    for (const RunRecord& r : store.runs(outcome_.experimentId))
      if (r.target == QLatin1String("reviews-it"))
        sum[r.arm] += byRun[r.id].at("source_test") - byRun[r.id].at("test");
    QCOMPARE(gaps[0].baseline.mean, sum["baseline"] / 2);
    QCOMPARE(gaps[0].transfer.mean, sum["transfer"] / 2);
  }

  void pretrainingSamplesLanguagesByAlpha() {
    // pretrain.alpha smooths the languages' shares (XLM-R): the same experiment with alpha 1
    // must draw other pretraining batches, so its pretraining losses differ.
    QByteArray yaml = kYaml;
    yaml.replace("intermediate: {", "#intermediate: {");
    // Every text of the synthetic corpus is a retrieval item: the contamination check would
    // drop them all from the pretraining text, leaving English alone and nothing to smooth.
    yaml.replace("seeds: [1, 2]", "seeds: [1], decontaminate: false");
    const auto pretrainLosses = [&](const QByteArray& text, const QString& name) {
      const ExperimentSpec spec = loadExperiment(test::writeFile(dir_, name + ".yaml", text));
      const RunOptions options = optionsFor(name + ".sqlite");
      Silent state;
      const ExperimentOutcome outcome = Engine::run(spec, options, state);
      RunStore store(options.dbPath);
      QVector<double> losses;
      for (const StageRecord& s : store.stages(outcome.experimentId))
        if (s.name == QLatin1String("pretrain"))
          for (const MetricPoint& p : store.points(s.id)) losses << p.value;
      return losses;
    };
    const QVector<double> smoothed = pretrainLosses(yaml, QStringLiteral("alpha03"));
    yaml.replace("alpha: 0.3", "alpha: 1.0");
    const QVector<double> proportional = pretrainLosses(yaml, QStringLiteral("alpha10"));
    QVERIFY(!smoothed.isEmpty());
    QCOMPARE(smoothed.size(), proportional.size());
    QVERIFY(smoothed != proportional);
  }

  void translationPairsTrainAPairClassifierPerLanguage() {
    // Beside retrieval of the same corpus: "is B the translation of A", balanced, split and
    // trained on the language's own pairs; a separate target, named apart from retrieval.
    const ExperimentSpec spec =
        variant("languages: [de, fr, nl, sco]}",
                "languages: [de, fr, nl, sco]}\n  - {dataset: udhr, task: translation-pair, "
                "language: de}",
                "pairs.yaml");
    Silent state;
    const ExperimentOutcome outcome = Engine::run(spec, optionsFor("pairs.sqlite"), state);
    QCOMPARE(outcome.status, QStringLiteral("finished"));
    const TargetGain* pairs = nullptr;
    for (const TargetGain& g : outcome.gains)
      if (g.target == QLatin1String("udhr:pairs/de")) pairs = &g;
    QVERIFY(pairs);
    QCOMPARE(pairs->metric, QStringLiteral("accuracy"));
    QCOMPARE(pairs->language, QStringLiteral("de"));
    RunStore store(dir_.filePath("pairs.sqlite"));
    int trained = 0;
    for (const RunRecord& r : store.runs(outcome.experimentId))
      if (r.target == QLatin1String("udhr:pairs/de"))
        for (const StageRecord& st : store.stagesOfRun(r.id))
          trained += st.name == QLatin1String("target") && !store.points(st.id).isEmpty();
    QCOMPARE(trained, 2 * 2);  // both arms fine-tuned on the pairs, for both seeds
  }

  void retrievalOnAFileIsRejected() {
    const ExperimentSpec spec =
        variant("{dataset: udhr, task: retrieval, languages: [de, fr, nl, sco]}",
                "{dataset: {path: reviews-nl.tsv, text: sentence, label: polarity}, task: "
                "retrieval, language: de}",
                "file-retrieval.yaml");
    const RunOptions options = optionsFor("file-retrieval.sqlite");
    Silent state;
    try {
      Engine::run(spec, options, state);
      QFAIL("retrieval on a labelled file was accepted");
    } catch (const InputError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(QStringLiteral("retrieval")), e.what());
      QVERIFY2(message.contains(QStringLiteral("reviews-nl")), e.what());
    }
    QVERIFY(storesNothing(options.dbPath));
  }

  void aLanguageTheCorpusLacksIsRejected() {
    const ExperimentSpec spec =
        variant("languages: [de, fr, nl, sco]", "languages: [de, ja]", "missing-language.yaml");
    const RunOptions options = optionsFor("missing-language.sqlite");
    Silent state;
    try {
      Engine::run(spec, options, state);
      QFAIL("a language the corpus lacks was accepted");
    } catch (const InputError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(QStringLiteral("'ja'")), e.what());
      QVERIFY2(message.contains(QStringLiteral("de, en, fr, nl, sco")), e.what());
    }
    QVERIFY(storesNothing(options.dbPath));
  }

  void zeroShotWithoutSourceIsRejectedAtLoad() {
    QByteArray yaml = kYaml;
    yaml.replace("    source: {path: reviews-en.tsv, text: sentence, label: polarity}\n", "");
    QVERIFY(!yaml.contains("source:"));
    try {
      parseExperiment(QString::fromUtf8(yaml), dir_.filePath("no-source.yaml"));
      QFAIL("a zero-shot target without source was accepted");
    } catch (const InputError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("`source`")), e.what());
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("zero-shot")), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(CrosslingualTest)
#include "test_crosslingual.moc"

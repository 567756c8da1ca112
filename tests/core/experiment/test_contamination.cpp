// Pins the contamination check and the clean translation-pair split through planExperiment, on
// fixtures the test writes: test texts planted in the intermediate data, the pretraining text
// and the target's own training part are counted and (by default) dropped; with
// decontaminate: false they are counted and kept; a translation-pair target read from the
// user's parallel file keeps every text of a test pair out of training.
#include <QtTest>
#include <map>

#include "common/InputError.h"
#include "common/SplitMix64.h"
#include "config/ExperimentLoader.h"
#include "data/ParallelCache.h"
#include "data/ParallelCorpus.h"
#include "data/TextKey.h"
#include "experiment/Plan.h"
#include "support/LogRecorder.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

using Recorder = test::LogRecorder;

// A restaurant review sentence per row, no two alike.
QString targetText(int i) {
  return QStringLiteral("the soup at table %1 was %2").arg(i).arg(i % 2 ? "great" : "awful");
}

// The target: 60 sentences, and 10 more that repeat one of them in other capitals. The splitter
// keeps only identical texts together, so some of those variants land on the other side of the
// split from their original: the target's own training part holds a test text.
QByteArray targetTsv() {
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < 60; ++i)
    out += targetText(i).toUtf8() + '\t' + (i % 2 ? "pos" : "neg") + '\n';
  for (int i = 0; i < 10; ++i)
    out += targetText(i).toUpper().toUtf8() + '\t' + (i % 2 ? "pos" : "neg") + '\n';
  return out;
}

// The intermediate task: 200 movie sentences of its own plus every target sentence, written
// with other spacing and capitals (the check compares texts by textKey).
QByteArray intermediateTsv() {
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < 200; ++i)
    out += QStringLiteral("film number %1 was %2\t%3\n")
               .arg(i)
               .arg(i % 2 ? "lovely" : "dull")
               .arg(i % 2 ? "pos" : "neg")
               .toUtf8();
  for (int i = 0; i < 60; ++i)
    out += "  " + targetText(i).toUpper().replace(' ', "  ").toUtf8() + '\t' +
           (i % 2 ? "pos" : "neg") + '\n';
  return out;
}

// Pretraining text: 40 lines of its own, and the first 20 target sentences.
QByteArray pretrainTsv() {
  QByteArray out = "text\n";
  for (int i = 0; i < 40; ++i) out += QStringLiteral("some unrelated line %1\n").arg(i).toUtf8();
  for (int i = 0; i < 20; ++i) out += targetText(i).toUtf8() + '\n';
  return out;
}

// English and "translations" with no relation between them: random syllables.
QByteArray randomParallelTsv(int n) {
  static const QStringList syllables = {"ka", "lo", "mi", "nu", "pe", "ri", "so", "tu"};
  SplitMix64 random(42);
  const auto word = [&random] {
    QString w;
    for (int s = 0; s < 3; ++s) w += syllables[static_cast<qsizetype>(random.below(8))];
    return w;
  };
  QByteArray out = "id\ten\tde\n";
  for (int i = 0; i < n; ++i)
    out += QStringLiteral("%1\t%2 %3 english %1\t%4 %5 %1\n")
               .arg(i)
               .arg(word(), word(), word(), word())
               .toUtf8();
  return out;
}

const char* kYaml = R"(name: contamination-test
model: {arch: bert, size: tiny}
pretrain: {text: [{path: pretrain.tsv}], steps: 10}
intermediate: {dataset: {path: intermediate.tsv, text: sentence, label: polarity}, task: sentiment}
targets:
  - {dataset: {path: target.tsv, text: sentence, label: polarity}, task: sentiment}
  - {dataset: {path: pairs.tsv}, task: translation-pair, language: de}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, 3]}
)";

QSet<QString> keysOf(const QVector<Example>& examples) {
  QSet<QString> keys;
  for (const Example& e : examples) {
    keys << textKey(e.text);
    if (!e.pair.isEmpty()) keys << textKey(e.pair);
  }
  return keys;
}

// The test examples with a text among keys, counted independently of the engine.
qsizetype foundIn(const QVector<Example>& tests, const QSet<QString>& keys) {
  qsizetype found = 0;
  for (const Example& e : tests)
    found +=
        keys.contains(textKey(e.text)) || (!e.pair.isEmpty() && keys.contains(textKey(e.pair)));
  return found;
}

const ContaminationCount& countOf(const ExperimentPlan& plan, const QString& target, int seed) {
  for (const ContaminationCount& c : plan.contamination)
    if (c.target == target && c.seed == seed) return c;
  throw std::logic_error("no contamination count for " + target.toStdString());
}

}  // namespace

class ContaminationTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString dataDir_;

  ExperimentSpec spec(const QByteArray& yaml, const QString& name) {
    return loadExperiment(test::writeFile(dir_, name, yaml));
  }
  ExperimentPlan plan(const QByteArray& yaml, const QString& name, Recorder* log = nullptr) {
    Recorder silent;
    return planExperiment(spec(yaml, name), dataDir_, log ? *log : silent);
  }
  static QByteArray withoutDecontamination() {
    QByteArray yaml = kYaml;
    yaml.replace("seeds: [1, 2, 3]}", "seeds: [1, 2, 3], decontaminate: false}");
    return yaml;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    dataDir_ = dir_.filePath(QStringLiteral("data"));
    test::writeFile(dir_, "target.tsv", targetTsv());
    test::writeFile(dir_, "intermediate.tsv", intermediateTsv());
    test::writeFile(dir_, "pretrain.tsv", pretrainTsv());
    test::writeFile(dir_, "pairs.tsv", randomParallelTsv(80));
  }

  void plantedTestTextsAreCountedAndDropped() {
    Recorder log;
    const ExperimentPlan kept = plan(withoutDecontamination(), "kept.yaml");
    const ExperimentPlan clean = plan(kYaml, "clean.yaml", &log);
    const QString target = QStringLiteral("target");
    qsizetype ownFound = 0;
    QSet<QString> everyTest;  // over all seeds: pretraining is shared
    for (int seed : {1, 2, 3}) {
      const PlannedTask& keptTarget = kept.targets[0];
      const QVector<Example>& tests = keptTarget.splits.at(seed).test;
      everyTest += keysOf(tests);
      const ContaminationCount& off = countOf(kept, target, seed);
      const ContaminationCount& on = countOf(clean, target, seed);
      // The counts are the same either way, and agree with a count made here.
      QCOMPARE(on.testExamples, tests.size());
      const QVector<Example>& intermediateTrain = kept.intermediate->splits.at(seed).train;
      QCOMPARE(off.inIntermediate, foundIn(tests, keysOf(intermediateTrain)));
      QVERIFY(off.inIntermediate > 0);
      QCOMPARE(on.inIntermediate, off.inIntermediate);
      QCOMPARE(on.inPretrain, off.inPretrain);
      QCOMPARE(off.inPretrain, foundIn(tests, keysOf(kept.pretrainText[0].examples)));
      QCOMPARE(on.inOwnTrain, off.inOwnTrain);
      QCOMPARE(off.inOwnTrain, foundIn(tests, keysOf(keptTarget.splits.at(seed).train)));
      ownFound += off.inOwnTrain;
      // Off: nothing dropped. On: the intermediate training part lost exactly the examples
      // holding a test text, and holds none any more.
      QCOMPARE(off.droppedIntermediate + off.droppedPretrain + off.droppedOwnTrain, 0);
      const QVector<Example>& cleaned = clean.intermediate->splits.at(seed).train;
      QVERIFY(on.droppedIntermediate > 0);
      QCOMPARE(cleaned.size(), intermediateTrain.size() - on.droppedIntermediate);
      QCOMPARE(clean.intermediateDropped.at(seed), on.droppedIntermediate);
      QCOMPARE(foundIn(clean.targets[0].splits.at(seed).test, keysOf(cleaned)), 0);
      QCOMPARE(foundIn(tests, keysOf(clean.targets[0].splits.at(seed).train)), 0);
      QCOMPARE(clean.targets[0].splits.at(seed).train.size(),
               keptTarget.splits.at(seed).train.size() - on.droppedOwnTrain);
      // Dev and test parts are never touched.
      QCOMPARE(clean.targets[0].splits.at(seed).test.size(), tests.size());
      QCOMPARE(clean.intermediate->splits.at(seed).dev.size(),
               kept.intermediate->splits.at(seed).dev.size());
    }
    QVERIFY2(ownFound > 0, "fixture: no case variant split from its original");
    // Pretraining text: every example holding a test text of any seed is gone, the rest kept.
    QCOMPARE(kept.pretrainText[0].examples.size(), 60);
    QCOMPARE(kept.pretrainDropped, 0);
    QVERIFY(clean.pretrainDropped > 0);
    QCOMPARE(clean.pretrainText[0].examples.size(), 60 - clean.pretrainDropped);
    QCOMPARE(foundIn(clean.pretrainText[0].examples, everyTest), 0);
    // One line per target, naming it.
    QCOMPARE(log.lines.filter(QStringLiteral("contamination check, target:")).size(), 1);
    QCOMPARE(log.lines.filter(QStringLiteral("contamination check, pairs:pairs/de:")).size(), 1);
  }

  void translationPairsFromAFileKeepTestTextsOutOfTraining() {
    const ExperimentPlan p = plan(kYaml, "pairs.yaml");
    const PlannedTask& pairs = p.targets[1];
    QCOMPARE(pairs.name, QStringLiteral("pairs:pairs/de"));
    QCOMPARE(pairs.language, QStringLiteral("de"));
    QCOMPARE(pairs.data.labels, (QStringList{"other", "translation"}));
    for (int seed : {1, 2, 3}) {
      const Split& split = pairs.splits.at(seed);
      const QSet<QString> test = keysOf(split.test);
      QVERIFY(!keysOf(split.train).intersects(test));
      QVERIFY(!keysOf(split.dev).intersects(test));
      std::map<QString, int> negativesOf;  // translation -> times used as a negative
      for (const QVector<Example>* part : {&split.train, &split.dev, &split.test}) {
        qsizetype positives = 0;
        for (const Example& e : *part) {
          positives += e.label == 1;
          if (e.label == 0) ++negativesOf[e.pair];
        }
        QCOMPARE(2 * positives, part->size());  // balanced
      }
      QCOMPARE(negativesOf.size(), size_t(80));  // every item's translation, once
      for (const auto& [translation, uses] : negativesOf) QCOMPARE(uses, 1);
      QCOMPARE(split.train.size() + split.dev.size() + split.test.size(), 160);
      QCOMPARE(countOf(p, pairs.name, seed).inOwnTrain, 0);
    }
    QVERIFY(keysOf(pairs.splits.at(1).test) != keysOf(pairs.splits.at(2).test));
  }

  void aLanguageSweepReadsOneColumnPerLanguage() {
    // languages: [de, fr] on a file makes two targets, each reading its language's column.
    QByteArray tsv = "en\tde\tfr\n";
    for (int i = 0; i < 20; ++i)
      tsv += QStringLiteral("english %1\tdeutsch %1\tfrancais %1\n").arg(i).toUtf8();
    test::writeFile(dir_, "three.tsv", tsv);
    QByteArray yaml = kYaml;
    yaml.replace("{dataset: {path: pairs.tsv}, task: translation-pair, language: de}",
                 "{dataset: {path: three.tsv}, task: translation-pair, languages: [de, fr]}");
    const ExperimentPlan p = plan(yaml, "sweep.yaml");
    QCOMPARE(p.targets.size(), size_t(3));
    for (const auto& [index, prefix] :
         {std::pair{1, QStringLiteral("deutsch ")}, std::pair{2, QStringLiteral("francais ")}}) {
      const PlannedTask& target = p.targets[index];
      QCOMPARE(target.name, QStringLiteral("three:pairs/") + (index == 1 ? "de" : "fr"));
      for (const Example& e : target.splits.at(1).train) QVERIFY(e.pair.startsWith(prefix));
    }
  }

  void aMissingLanguageColumnNamesTheFileAndColumn() {
    QByteArray yaml = kYaml;
    yaml.replace("language: de}", "language: ja}");
    const InputError error = test::inputErrorOf([&] { plan(yaml, "ja.yaml"); });
    QVERIFY2(error.file().endsWith(QStringLiteral("pairs.tsv")), error.what());
    QVERIFY2(error.message().contains(QStringLiteral("'ja'")), error.what());
    QVERIFY2(error.message().contains(QStringLiteral("id, en, de")), error.what());
  }

  void aParallelFileTargetNeedsALanguage() {
    QByteArray yaml = kYaml;
    yaml.replace(", language: de}", "}");
    const InputError error = test::inputErrorOf([&] { spec(yaml, "nolanguage.yaml"); });
    QVERIFY2(error.message().contains(QStringLiteral("which column holds the translation")),
             error.what());
  }

  void retrievalItemsInThePretrainingTextAreReported() {
    // The cross-lingual demo's situation: pretraining on the corpus that retrieval tests on.
    ParallelCorpus corpus;
    corpus.id = QStringLiteral("udhr");
    for (int i = 0; i < 12; ++i) {
      const QString key = QStringLiteral("a%1").arg(i, 2, 10, QLatin1Char('0'));
      addParallelText(corpus, QStringLiteral("en"), key, QStringLiteral("article %1").arg(i));
      addParallelText(corpus, QStringLiteral("de"), key, QStringLiteral("artikel %1").arg(i));
      addParallelText(corpus, QStringLiteral("fr"), key, QStringLiteral("l'article %1").arg(i));
    }
    writeParallelCache(dataDir_ + QStringLiteral("/udhr"), corpus, {},
                       QStringLiteral("test fixture"), QString());
    QByteArray yaml = kYaml;
    yaml.replace("text: [{path: pretrain.tsv}]", "text: [udhr, {path: pretrain.tsv}]");
    yaml.replace("targets:\n", "targets:\n  - {dataset: udhr, task: retrieval, language: de}\n");
    for (const bool dropping : {true, false}) {
      if (!dropping) yaml.replace("seeds: [1, 2, 3]}", "seeds: [1, 2, 3], decontaminate: false}");
      Recorder log;
      const ExperimentPlan p = plan(yaml, dropping ? "udhr.yaml" : "udhr-kept.yaml", &log);
      for (int seed : {1, 2, 3}) {
        const ContaminationCount& c = countOf(p, QStringLiteral("udhr/de"), seed);
        QCOMPARE(c.testExamples, 12);
        QCOMPARE(c.inPretrain, 12);
        QCOMPARE(c.droppedPretrain, dropping ? 24 : 0);  // the English and German items
      }
      QStringList languages;
      for (const Dataset& d : p.pretrainText) languages << d.name;
      // French is no test text: it stays; English and German leave the pretraining text.
      QCOMPARE(languages.contains(QStringLiteral("udhr/fr")), true);
      QCOMPARE(languages.contains(QStringLiteral("udhr/de")), !dropping);
      QCOMPARE(languages.contains(QStringLiteral("udhr/en")), !dropping);
      const QStringList lines = log.lines.filter(QStringLiteral("contamination check, udhr/de:"));
      QCOMPARE(lines.size(), 1);
      QVERIFY2(lines[0].contains(QStringLiteral("12 of 12 aligned items")), qPrintable(lines[0]));
    }
  }

  void retrievalLanguagesOfOneCorpusShareOnePool() {
    // German has items 0-9, French 2-11, Dutch every even one: the pool each is evaluated on
    // is the four items all three have (2, 4, 6, 8), so chance is the same for each.
    ParallelCorpus corpus;
    corpus.id = QStringLiteral("udhr");
    for (int i = 0; i < 12; ++i) {
      const QString key = QStringLiteral("b%1").arg(i, 2, 10, QLatin1Char('0'));
      addParallelText(corpus, QStringLiteral("en"), key, QStringLiteral("english %1").arg(i));
      if (i < 10)
        addParallelText(corpus, QStringLiteral("de"), key, QStringLiteral("de %1").arg(i));
      if (i >= 2)
        addParallelText(corpus, QStringLiteral("fr"), key, QStringLiteral("fr %1").arg(i));
      if (i % 2 == 0)
        addParallelText(corpus, QStringLiteral("nl"), key, QStringLiteral("nl %1").arg(i));
    }
    writeParallelCache(dataDir_ + QStringLiteral("/udhr"), corpus, {},
                       QStringLiteral("test fixture"), QString());
    QByteArray yaml = kYaml;
    yaml.replace("targets:\n",
                 "targets:\n  - {dataset: udhr, task: retrieval, languages: [de, fr, nl]}\n");
    Recorder log;
    const ExperimentPlan p = plan(yaml, "pool.yaml", &log);
    const QStringList shared{"english 2", "english 4", "english 6", "english 8"};
    for (const PlannedTask& t : p.targets) {
      if (!t.retrieval()) continue;
      QStringList english;
      for (const auto& [en, text] : t.pairs) english << en;
      QCOMPARE(english, shared);
      for (const auto& [en, text] : t.pairs)  // still aligned: the same item in both
        QCOMPARE(text.section(QLatin1Char(' '), 1), en.section(QLatin1Char(' '), 1));
    }
    QVERIFY2(!log.lines.filter(QStringLiteral("each evaluated on the 4 items all of them share"))
                  .isEmpty(),
             qPrintable(log.lines.join('\n')));
  }
};

QTEST_GUILESS_MAIN(ContaminationTest)
#include "test_contamination.moc"

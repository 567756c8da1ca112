// Tests of Splitter: seeded determinism, fractions, stratification, repeated texts kept in one
// part, and the too-small error.
#include <QtTest>

#include "common/InputError.h"
#include "common/SplitMix64.h"
#include "data/Splitter.h"
#include "support/TestSupport.h"

namespace {

// n examples named "0".."n-1"; labels cycle with the given class sizes.
twb::Dataset makeDataset(const QVector<int>& classSizes) {
  twb::Dataset data;
  data.name = QStringLiteral("toy");
  int id = 0;
  for (int label = 0; label < classSizes.size(); ++label) {
    data.labels << QStringLiteral("c%1").arg(label);
    for (int i = 0; i < classSizes[label]; ++i) {
      twb::Example example;
      example.text = QString::number(id++);
      example.label = label;
      data.examples << example;
    }
  }
  return data;
}

QStringList texts(const QVector<twb::Example>& examples) {
  QStringList result;
  for (const twb::Example& example : examples) result << example.text;
  return result;
}

int countLabel(const QVector<twb::Example>& examples, int label) {
  int count = 0;
  for (const twb::Example& example : examples) count += example.label == label ? 1 : 0;
  return count;
}

}  // namespace

class TestSplitter : public QObject {
  Q_OBJECT

 private slots:
  void generatorMatchesReferenceSequence() {
    // splitmix64's published test vector for seed 1234567: the sequence is fixed everywhere.
    twb::SplitMix64 random(1234567);
    QCOMPARE(random.next(), 6457827717110365317ULL);
    QCOMPARE(random.next(), 3203168211198807973ULL);
    QCOMPARE(random.next(), 9817491932198370423ULL);
  }

  void sameSeedSameSplit() {
    const twb::Dataset data = makeDataset({60, 40});
    const twb::ProtocolSpec protocol;
    const twb::Split a = twb::splitDataset(data, protocol, 7);
    const twb::Split b = twb::splitDataset(data, protocol, 7);
    QCOMPARE(texts(a.train), texts(b.train));
    QCOMPARE(texts(a.dev), texts(b.dev));
    QCOMPARE(texts(a.test), texts(b.test));
  }

  void differentSeedsDiffer() {
    const twb::Dataset data = makeDataset({60, 40});
    const twb::ProtocolSpec protocol;
    const twb::Split a = twb::splitDataset(data, protocol, 1);
    const twb::Split b = twb::splitDataset(data, protocol, 2);
    QVERIFY(texts(a.test) != texts(b.test));
    QVERIFY(texts(a.train) != texts(b.train));
  }

  void partsCoverEveryExampleOnce() {
    const twb::Dataset data = makeDataset({37, 21, 42});
    const twb::Split split = twb::splitDataset(data, twb::ProtocolSpec(), 3);
    QStringList all = texts(split.train) + texts(split.dev) + texts(split.test);
    QCOMPARE(all.size(), 100);
    all.removeDuplicates();
    QCOMPARE(all.size(), 100);
  }

  void fractionsAreRespected() {
    const twb::Dataset data = makeDataset({500, 500});
    twb::ProtocolSpec protocol;
    const twb::Split split = twb::splitDataset(data, protocol, 1);
    QCOMPARE(split.train.size(), 700);
    QCOMPARE(split.dev.size(), 150);
    QCOMPARE(split.test.size(), 150);
    protocol.train = 0.8;
    protocol.dev = 0.1;
    protocol.test = 0.1;
    const twb::Split other = twb::splitDataset(makeDataset({33}), protocol, 1);
    QCOMPARE(other.train.size() + other.dev.size() + other.test.size(), 33);
    QVERIFY(qAbs(other.train.size() - 26.4) <= 1);
    QVERIFY(qAbs(other.dev.size() - 3.3) <= 1);
  }

  void stratifiedByLabel() {
    const twb::Dataset data = makeDataset({900, 100});
    const twb::Split split = twb::splitDataset(data, twb::ProtocolSpec(), 5);
    QVERIFY(qAbs(countLabel(split.train, 1) - 70) <= 1);
    QVERIFY(qAbs(countLabel(split.dev, 1) - 15) <= 1);
    QVERIFY(qAbs(countLabel(split.test, 1) - 15) <= 1);
    QVERIFY(qAbs(countLabel(split.test, 0) - 135) <= 1);
    // The train part is mixed, not one class after the other.
    QVERIFY(countLabel(split.train.mid(0, 100), 1) < 100);
    QVERIFY(countLabel(split.train.mid(0, 100), 1) > 0);
  }

  void manySmallClassesStillFillEveryPart() {
    const twb::Dataset data = makeDataset(QVector<int>(10, 2));  // 20 examples, 10 classes
    const twb::Split split = twb::splitDataset(data, twb::ProtocolSpec(), 1);
    QCOMPARE(split.train.size(), 14);
    QCOMPARE(split.dev.size(), 3);
    QCOMPARE(split.test.size(), 3);
  }

  void regressionIsUnstratified() {
    twb::Dataset data;
    data.name = QStringLiteral("sts");
    for (int i = 0; i < 20; ++i) {
      twb::Example example;
      example.text = QString::number(i);
      example.score = i * 0.25;
      data.examples << example;
    }
    const twb::Split split = twb::splitDataset(data, twb::ProtocolSpec(), 9);
    QCOMPARE(split.train.size(), 14);
    QCOMPARE(split.dev.size(), 3);
    QCOMPARE(split.test.size(), 3);
  }

  void distinctTextsSplitAsBefore() {
    // Grouping repeated texts leaves a split without repeats as earlier versions cut it.
    const twb::Split split = twb::splitDataset(makeDataset({12, 8}), twb::ProtocolSpec(), 7);
    QCOMPARE(texts(split.train), QStringList({"6", "2", "1", "14", "8", "12", "3", "15", "18", "7",
                                              "13", "17", "4", "5"}));
    QCOMPARE(texts(split.dev), QStringList({"0", "11", "16"}));
    QCOMPARE(texts(split.test), QStringList({"19", "9", "10"}));
  }

  void repeatedTextsStayInOnePart() {
    // 40 texts, each 1 to 4 times (some with padding, some with another label), and pairs: a
    // text may repeat only with the same pair.
    twb::Dataset data;
    data.name = QStringLiteral("repeats");
    data.labels = QStringList{QStringLiteral("neg"), QStringLiteral("pos")};
    for (int copy = 0; copy < 4; ++copy)
      for (int t = 0; t < 40; ++t) {
        if (copy > t % 4) continue;
        twb::Example example;
        example.text = QStringLiteral("text %1").arg(t) + (copy == 2 ? QStringLiteral("  ") : "");
        example.pair = QStringLiteral("pair %1").arg(t % 3);
        example.label = (t + (copy == 3 ? 1 : 0)) % 2;
        data.examples << example;
      }
    twb::Example samePairless;  // the same text with another pair is another item
    samePairless.text = QStringLiteral("text 5");
    samePairless.pair = QStringLiteral("other");
    samePairless.label = 0;
    data.examples << samePairless;
    QCOMPARE(data.examples.size(), 101);

    const auto key = [](const twb::Example& e) { return e.text.trimmed() + '\t' + e.pair; };
    for (int seed = 1; seed <= 20; ++seed) {
      const twb::Split split = twb::splitDataset(data, twb::ProtocolSpec(), seed);
      QHash<QString, int> partOf;
      int total = 0;
      const QVector<twb::Example>* parts[] = {&split.train, &split.dev, &split.test};
      for (int p = 0; p < 3; ++p)
        for (const twb::Example& example : *parts[p]) {
          ++total;
          const int part = partOf.value(key(example), p);
          QVERIFY2(part == p, qPrintable(QStringLiteral("seed %1: '%2' is in parts %3 and %4")
                                             .arg(seed)
                                             .arg(example.text)
                                             .arg(part)
                                             .arg(p)));
          partOf.insert(key(example), p);
        }
      QCOMPARE(total, 101);  // every copy is kept
      QCOMPARE(partOf.size(), 41);
      QVERIFY2(qAbs(split.train.size() - 70.7) <= 4,
               qPrintable(QString::number(split.train.size())));
      QVERIFY(!split.dev.isEmpty());
      QVERIFY(!split.test.isEmpty());
    }
  }

  void fewDistinctTextsAreTooSmall() {
    twb::Dataset data = makeDataset({10, 10});
    for (int i = 0; i < data.examples.size(); ++i)
      data.examples[i].text = QStringLiteral("same %1").arg(i % 2);
    try {
      twb::splitDataset(data, twb::ProtocolSpec(), 1);
      QFAIL("two distinct texts were split three ways");
    } catch (const twb::InputError& error) {
      QCOMPARE(error.message(), QStringLiteral("dataset toy has 20 examples (2 distinct texts): "
                                               "too small for a 70/15/15 split"));
    }
  }

  void tooSmallNamesDatasetAndSplit() {
    try {
      twb::splitDataset(makeDataset({2, 2}), twb::ProtocolSpec(), 1);
      QFAIL("a 4-example dataset was split");
    } catch (const twb::InputError& error) {
      QCOMPARE(error.message(),
               QStringLiteral("dataset toy has 4 examples: too small for a 70/15/15 split"));
      QCOMPARE(error.file(), QString());  // a catalog dataset: no file to name
    }
  }

  // A user's file is named, so the error is not taken for one in the experiment YAML.
  void tooSmallNamesTheUsersFile() {
    twb::Dataset data = makeDataset({2, 2});
    data.source = QStringLiteral("/data/toy.tsv");
    const twb::InputError error =
        twb::test::inputErrorOf([&] { twb::splitDataset(data, twb::ProtocolSpec(), 1); });
    QCOMPARE(error.file(), QStringLiteral("/data/toy.tsv"));
    QVERIFY2(
        QString::fromUtf8(error.what()).startsWith(QStringLiteral("/data/toy.tsv: dataset toy")),
        error.what());
  }
};

QTEST_GUILESS_MAIN(TestSplitter)
#include "test_splitter.moc"

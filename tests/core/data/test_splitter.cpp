// Tests of Splitter: seeded determinism, fractions, stratification and the too-small error.
#include <QtTest>

#include "common/InputError.h"
#include "data/SplitMix64.h"
#include "data/Splitter.h"

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

  void tooSmallNamesDatasetAndSplit() {
    try {
      twb::splitDataset(makeDataset({2, 2}), twb::ProtocolSpec(), 1);
      QFAIL("a 4-example dataset was split");
    } catch (const twb::InputError& error) {
      QCOMPARE(error.message(),
               QStringLiteral("dataset toy has 4 examples: too small for a 70/15/15 split"));
    }
  }
};

QTEST_GUILESS_MAIN(TestSplitter)
#include "test_splitter.moc"

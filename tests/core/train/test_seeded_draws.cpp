// Training's seeded draws (epoch order, language sampling): uniform, unbiased, fixed per seed.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "train/LanguageSampling.h"
#include "train/TrainingData.h"

using namespace twb;

namespace {

// True when `count` successes of `trials` fit probability p within five binomial standard
// deviations (a fair draw misses this about once in two million checks; the seeds are fixed).
bool withinBinomial(size_t count, size_t trials, double p) {
  const double n = static_cast<double>(trials);
  return std::abs(static_cast<double>(count) - n * p) <= 5 * std::sqrt(n * p * (1 - p));
}

QString counts(const std::vector<size_t>& seen) {
  QStringList parts;
  for (size_t c : seen) parts << QString::number(c);
  return parts.join(QLatin1Char(' '));
}

}  // namespace

class SeededDrawsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void eachItemOfAGroupOfThreeIsDrawnEquallyOften() {
    const size_t draws = 60000;
    std::vector<size_t> seen(3, 0);
    for (size_t i : sampleByLanguage({3}, {1.0}, draws, 11)) ++seen.at(i);
    for (size_t c : seen) QVERIFY2(withinBinomial(c, draws, 1.0 / 3), qPrintable(counts(seen)));

    // Behind a second group: the language is drawn first, then the item within it.
    std::vector<size_t> both(5, 0);
    for (size_t i : sampleByLanguage({2, 3}, {0.5, 0.5}, draws, 12)) ++both.at(i);
    for (size_t k = 0; k < 2; ++k)
      QVERIFY2(withinBinomial(both[k], draws, 0.25), qPrintable(counts(both)));
    for (size_t k = 2; k < 5; ++k)
      QVERIFY2(withinBinomial(both[k], draws, 1.0 / 6), qPrintable(counts(both)));
  }

  void anItemIsDrawnWithoutModuloBias() {
    // A group of 3 * 2^62 items (only indices, nothing allocated): the first quarter of the
    // 64-bit range holds a third of the items. A remainder of one 64-bit draw lands there half
    // the time; a rejection draw a third of the time, as every item is equally likely.
    const size_t items = size_t{3} << 62;
    const size_t draws = 20000;
    size_t low = 0;
    for (size_t i : sampleByLanguage({items}, {1.0}, draws, 1)) {
      QVERIFY(i < items);
      low += i < (size_t{1} << 62);
    }
    QVERIFY2(withinBinomial(low, draws, 1.0 / 3), qPrintable(QString::number(low)));
  }

  void theSameSeedGivesTheSameDraws() {
    const std::vector<size_t> sizes{2, 3};
    const std::vector<double> q{0.5, 0.5};
    QCOMPARE(sampleByLanguage(sizes, q, 500, 7), sampleByLanguage(sizes, q, 500, 7));
    QVERIFY(sampleByLanguage(sizes, q, 500, 7) != sampleByLanguage(sizes, q, 500, 8));
    // Pinned: the same on every platform and library (and as drawn before SplitMix64 was shared).
    const std::vector<size_t> pinned{0, 0, 1, 4, 3, 0, 0, 0, 0, 1, 2, 4};
    QCOMPARE(sampleByLanguage(sizes, q, 12, 7), pinned);
  }

  void anEpochOrderIsAPermutationFixedBySeedAndEpoch() {
    for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{257}}) {
      std::vector<size_t> order = shuffledOrder(n, 3, 0);
      std::sort(order.begin(), order.end());
      for (size_t i = 0; i < n; ++i) QCOMPARE(order[i], i);
    }
    QCOMPARE(shuffledOrder(100, 3, 2), shuffledOrder(100, 3, 2));
    QVERIFY(shuffledOrder(100, 3, 2) != shuffledOrder(100, 3, 1));  // each epoch its own order
    QVERIFY(shuffledOrder(100, 3, 2) != shuffledOrder(100, 4, 2));  // each seed its own orders
    const std::vector<size_t> pinned{6, 8, 2, 4, 3, 0, 7, 1, 9, 5};
    QCOMPARE(shuffledOrder(10, 42, 0), pinned);
  }

  void everyOrderOfThreeIsEquallyLikely() {
    const int epochs = 60000;
    std::map<std::vector<size_t>, size_t> seen;
    for (int epoch = 0; epoch < epochs; ++epoch) ++seen[shuffledOrder(3, 11, epoch)];
    QCOMPARE(seen.size(), size_t{6});
    for (const auto& [order, count] : seen)
      QVERIFY2(
          withinBinomial(count, epochs, 1.0 / 6),
          qPrintable(
              QStringLiteral("%1 %2 %3: %4").arg(order[0]).arg(order[1]).arg(order[2]).arg(count)));
  }
};

QTEST_GUILESS_MAIN(SeededDrawsTest)
#include "test_seeded_draws.moc"

// Metrics against values worked out by hand.
#include <QtTest>

#include "train/Metrics.h"
#include "train/Schedule.h"

using namespace twb;

class MetricsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void accuracyCountsMatches() { QCOMPARE(metrics::accuracy({1, 0, 1, 1}, {1, 1, 1, 0}), 0.5); }
  void macroF1AveragesClasses() {
    // class 0: tp 1, fp 1, fn 1 -> F1 0.5; class 1: tp 1, fp 1, fn 1 -> 0.5; class 2: tp 1 -> 1
    QCOMPARE(metrics::macroF1({0, 1, 1, 0, 2}, {0, 0, 1, 1, 2}), (0.5 + 0.5 + 1.0) / 3);
  }
  void pearsonOfAPerfectLineIsOne() {
    QVERIFY(qAbs(metrics::pearson({1, 2, 3, 4}, {2, 4, 6, 8}) - 1) < 1e-12);
    QVERIFY(qAbs(metrics::pearson({1, 2, 3}, {3, 2, 1}) + 1) < 1e-12);
  }
  void pearsonByHand() {
    // x = 1,2,3; y = 1,3,2: sxy = 1, sxx = 2, syy = 2 -> r = 0.5
    QVERIFY(qAbs(metrics::pearson({1, 2, 3}, {1, 3, 2}) - 0.5) < 1e-12);
  }
  void spearmanUsesAverageRanksForTies() {
    QCOMPARE(metrics::ranks({10, 20, 20, 5}), (std::vector<double>{2, 3.5, 3.5, 1}));
    // monotone but not linear: Spearman 1, Pearson below 1
    QVERIFY(qAbs(metrics::spearman({1, 2, 3, 4}, {1, 10, 100, 1000}) - 1) < 1e-12);
    QVERIFY(metrics::pearson({1, 2, 3, 4}, {1, 10, 100, 1000}) < 0.95);
  }
  void retrievalAtOneFindsTheDiagonal() {
    QCOMPARE(metrics::retrievalAccuracyAt1({{0.9, 0.1, 0.0}, {0.2, 0.1, 0.7}, {0.0, 0.3, 0.8}}),
             2.0 / 3);
  }
  void sampleSdUsesNMinusOne() {
    QVERIFY(qAbs(metrics::sampleSd({1, 2, 3, 4}) - std::sqrt(5.0 / 3)) < 1e-12);
    QCOMPARE(metrics::sampleSd({7}), 0.0);
  }
  void scheduleWarmsUpThenDecaysToZero() {
    QCOMPARE(linearWarmupDecay(0, 10, 110), 0.1);
    QCOMPARE(linearWarmupDecay(9, 10, 110), 1.0);
    QCOMPARE(linearWarmupDecay(60, 10, 110), 0.5);
    QCOMPARE(linearWarmupDecay(110, 10, 110), 0.0);
  }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "test_metrics.moc"

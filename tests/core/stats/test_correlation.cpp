// Tests of the correlation statistics: Pearson and Spearman against values worked by hand,
// average ranks for ties, permutation p-values (1 for no correlation, the floor for a perfect
// monotone relation, reproducible by seed) and NaN pairs skipped.
#include <QtTest>
#include <cmath>

#include "stats/Correlation.h"

using twb::CorrelationMethod;

class CorrelationTest : public QObject {
  Q_OBJECT

 private slots:
  void pearsonMatchesHandValue() {
    // dx = -2..2, dy = -2 0 1 0 1: sxy 6, sxx 10, syy 6, r = 6 / sqrt(60).
    int n = 0;
    const double r = twb::pearson({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5}, &n);
    QCOMPARE(n, 5);
    QVERIFY(std::abs(r - 6 / std::sqrt(60.0)) < 1e-12);
    QVERIFY(std::abs(twb::pearson({1, 2, 3}, {6, 4, 2}) + 1) < 1e-12);
  }

  void averageRanksShareTies() {
    QCOMPARE(twb::averageRanks({10, 20, 20, 30}), (QVector<double>{1, 2.5, 2.5, 4}));
    QCOMPARE(twb::averageRanks({3, 1, 3, 3}), (QVector<double>{3, 1, 3, 3}));
  }

  void spearmanUsesAverageRanks() {
    // y ranks 1 2.5 4.5 2.5 4.5 against 1..5: sxy 7, sxx 10, syy 9, rho = 7 / sqrt(90).
    const double rho = twb::spearman({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5});
    QVERIFY(std::abs(rho - 7 / std::sqrt(90.0)) < 1e-12);
    // Monotone but not linear: rho 1, r below 1.
    const QVector<double> x{1, 2, 3, 4, 5, 6};
    const QVector<double> cubes{1, 8, 27, 64, 125, 216};
    QVERIFY(std::abs(twb::spearman(x, cubes) - 1) < 1e-12);
    QVERIFY(twb::pearson(x, cubes) < 0.99);
  }

  void permutationPIsOneWithoutCorrelation() {
    // y symmetric around the middle of x: r and rho are exactly 0, so every shuffle is as
    // extreme and p = (N + 1) / (N + 1).
    QVector<double> x, y;
    for (int i = 1; i <= 10; ++i) {
      x << i;
      y << (i - 5.5) * (i - 5.5);
    }
    for (CorrelationMethod method : {CorrelationMethod::Pearson, CorrelationMethod::Spearman}) {
      const twb::CorrelationResult result = twb::correlate(x, y, method, 999, 7);
      QVERIFY(std::abs(result.r) < 1e-12);
      QCOMPARE(result.p, 1.0);
      QCOMPARE(result.n, 10);
      QCOMPARE(result.permutations, 999);
    }
  }

  void permutationPIsLargeForShuffledNoise() {
    // A fixed shuffle of 1..20 against 1..20: r = 0.048, nothing to find.
    const QVector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    const QVector<double> y{7, 19, 2, 14, 11, 5, 20, 1, 16, 9, 3, 13, 18, 6, 10, 15, 4, 17, 8, 12};
    const twb::CorrelationResult result = twb::correlate(x, y, CorrelationMethod::Pearson, 1999);
    QVERIFY2(std::abs(result.r) < 0.1, qPrintable(QString::number(result.r)));
    QVERIFY2(result.p > 0.7, qPrintable(QString::number(result.p)));
  }

  void permutationPIsSmallForAPerfectMonotoneRelation() {
    QVector<double> x, y;
    for (int i = 1; i <= 10; ++i) {
      x << i;
      y << std::exp(i);  // monotone, far from linear
    }
    // Only the identity and its reverse (2 of 10! orders) reach |rho| = 1.
    const twb::CorrelationResult result =
        twb::correlate(x, y, CorrelationMethod::Spearman, 999, 42);
    QCOMPARE(result.r, 1.0);
    QVERIFY2(result.p <= 2.0 / 1000, qPrintable(QString::number(result.p)));
    QVERIFY(result.p >= 1.0 / 1000);  // never below the (0 + 1) / (N + 1) floor
  }

  void sameSeedSameP() {
    const QVector<double> x{1, 2, 3, 4, 5, 6, 7, 8};
    const QVector<double> y{2, 1, 4, 3, 6, 5, 8, 7};
    const auto a = twb::correlate(x, y, CorrelationMethod::Pearson, 500, 11);
    const auto b = twb::correlate(x, y, CorrelationMethod::Pearson, 500, 11);
    QCOMPARE(a.p, b.p);
    QVERIFY(a.p > 0 && a.p < 0.05);
  }

  void nanPairsAreSkipped() {
    const double nan = std::nan("");
    const QVector<double> x{1, nan, 2, 3, 4, 5, 9};
    const QVector<double> y{2, 7, 4, 5, nan, 4, 5};
    // Pairs kept: (1,2) (2,4) (3,5) (5,4) (9,5).
    int n = 0;
    const double r = twb::pearson(x, y, &n);
    QCOMPARE(n, 5);
    QCOMPARE(r, twb::pearson({1, 2, 3, 5, 9}, {2, 4, 5, 4, 5}));
    const auto result = twb::correlate(x, y, CorrelationMethod::Spearman, 99);
    QCOMPARE(result.n, 5);
    QCOMPARE(result.r, twb::spearman({1, 2, 3, 5, 9}, {2, 4, 5, 4, 5}));
  }

  void undefinedForAConstantSideOrTooFewPairs() {
    const auto constant = twb::correlate({1, 2, 3}, {4, 4, 4}, CorrelationMethod::Pearson, 99);
    QVERIFY(std::isnan(constant.r));
    QVERIFY(std::isnan(constant.p));
    int n = -1;
    QVERIFY(std::isnan(twb::spearman({1}, {2}, &n)));
    QCOMPARE(n, 1);
  }
};

QTEST_GUILESS_MAIN(CorrelationTest)
#include "test_correlation.moc"

// Transfer gain, its spread over seeds and the negative-transfer flag, against hand values.
#include <QtTest>

#include "experiment/Gains.h"

using namespace twb;

class GainsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void deltaIsPairedBySeed() {
    ArmScores s;
    s["yelp"]["baseline"] = {{1, 0.70}, {2, 0.80}, {3, 0.75}};
    s["yelp"]["transfer"] = {{1, 0.80}, {2, 0.82}, {3, 0.84}};
    const auto gains = computeGains(s, {QStringLiteral("yelp")}, {{"yelp", "accuracy"}});
    QCOMPARE(gains.size(), 1);
    const TargetGain& g = gains.front();
    QVERIFY(qAbs(g.baseline.mean - 0.75) < 1e-12);
    QVERIFY(qAbs(g.transfer.mean - 0.82) < 1e-12);
    // deltas 0.10, 0.02, 0.09: mean 0.07, sd sqrt(((0.03)^2 + (0.05)^2 + (0.02)^2) / 2)
    QVERIFY(qAbs(g.delta.mean - 0.07) < 1e-12);
    QVERIFY(qAbs(g.delta.sd - std::sqrt((0.0009 + 0.0025 + 0.0004) / 2)) < 1e-12);
    QCOMPARE(g.delta.n, 3);
    QVERIFY(qAbs(g.relativeDelta - 0.07 / 0.75) < 1e-12);
    QVERIFY(!g.negativeTransfer);
    QCOMPARE(g.metric, QStringLiteral("accuracy"));
  }
  void negativeTransferNeedsMoreThanTheSeedSpread() {
    ArmScores s;
    s["a"]["baseline"] = {{1, 0.80}, {2, 0.81}};
    s["a"]["transfer"] = {{1, 0.70}, {2, 0.72}};  // clearly worse
    s["b"]["baseline"] = {{1, 0.80}, {2, 0.60}};
    s["b"]["transfer"] = {{1, 0.79}, {2, 0.59}};  // worse by less than the baseline spread
    const auto gains = computeGains(s, {QStringLiteral("a"), QStringLiteral("b")}, {});
    QVERIFY(gains[0].negativeTransfer);
    QVERIFY(!gains[1].negativeTransfer);
  }
  void relativeGainUsesOnlyPairedSeeds() {
    // Seed 2's transfer run never finished: Δ, its relative size and the spread all come from
    // seed 1 alone (0.1 / 0.5), not from a baseline mean that includes seed 2 (0.1 / 0.7).
    ArmScores s;
    s["t"]["baseline"] = {{1, 0.5}, {2, 0.9}};
    s["t"]["transfer"] = {{1, 0.6}};
    const auto gains = computeGains(s, {QStringLiteral("t")}, {});
    QVERIFY(qAbs(gains[0].relativeDelta - 0.2) < 1e-12);
  }

  void keepsTheTargetsOrderAndSkipsUnpairedSeeds() {
    ArmScores s;
    s["z"]["baseline"] = {{1, 0.5}, {2, 0.6}};
    s["z"]["transfer"] = {{1, 0.7}};
    s["a"]["baseline"] = {{1, 0.5}};
    const auto gains = computeGains(s, {QStringLiteral("z"), QStringLiteral("a")}, {});
    QCOMPARE(gains[0].target, QStringLiteral("z"));
    QCOMPARE(gains[0].delta.n, 1);
    QVERIFY(qAbs(gains[0].delta.mean - 0.2) < 1e-12);
    QCOMPARE(gains[1].delta.n, 0);
    QVERIFY(!gains[1].negativeTransfer);
  }
};

QTEST_GUILESS_MAIN(GainsTest)
#include "test_gains.moc"

// Transfer gain per target: paired over seeds, its interval and tests, the verdict after Holm's
// correction, undefined seeds counted, chance levels, against hand-computed values.
#include <QtTest>

#include "experiment/Gains.h"

using namespace twb;

namespace {

TargetScores scores(const QString& name, std::map<int, double> base,
                    std::map<int, double> transfer) {
  TargetScores t;
  t.target = name;
  t.metric = QStringLiteral("accuracy");
  t.baseline = std::move(base);
  t.transfer = std::move(transfer);
  return t;
}

// n examples whose correctness is drawn so that the arm scores about `rate`.
std::vector<double> correct(int n, double rate, int offset) {
  std::vector<double> v(size_t(n), 0.0);
  for (int i = 0; i < n; ++i) v[size_t(i)] = ((i * 7 + offset) % 100) < rate * 100 ? 1 : 0;
  return v;
}

}  // namespace

class GainsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void deltaIsPairedBySeedWithItsInterval() {
    const auto gains = computeGains(
        {scores("yelp", {{1, 0.70}, {2, 0.80}, {3, 0.75}}, {{1, 0.80}, {2, 0.82}, {3, 0.84}})});
    QCOMPARE(gains.size(), 1);
    const TargetGain& g = gains.front();
    QVERIFY(qAbs(g.baseline.mean - 0.75) < 1e-12);
    QVERIFY(qAbs(g.transfer.mean - 0.82) < 1e-12);
    // deltas 0.10, 0.02, 0.09: mean 0.07, sd sqrt(((0.03)^2 + (0.05)^2 + (0.02)^2) / 2)
    const double sd = std::sqrt((0.0009 + 0.0025 + 0.0004) / 2);
    QVERIFY(qAbs(g.delta.mean - 0.07) < 1e-12);
    QVERIFY(qAbs(g.delta.sd - sd) < 1e-12);
    QCOMPARE(g.delta.n, 3);
    // t(0.975, 2) = 4.302652729911275
    const double half = 4.302652729911275 * sd / std::sqrt(3.0);
    QVERIFY(qAbs(g.delta.ci95.low - (0.07 - half)) < 1e-9);
    QVERIFY(qAbs(g.delta.ci95.high - (0.07 + half)) < 1e-9);
    QVERIFY(qAbs(g.dz - 0.07 / sd) < 1e-9);
    QVERIFY(qAbs(g.relativeDelta - 0.07 / 0.75) < 1e-12);
    QCOMPARE(g.metric, QStringLiteral("accuracy"));
    // Three seeds: the verdict rests on them; the t-test p is 0.1086 (scipy's ttest_rel):
    // inconclusive.
    QCOMPARE(g.basis, QStringLiteral("seeds"));
    QVERIFY(qAbs(g.p - 0.10859964404618166) < 1e-9);
    QCOMPARE(g.verdict, Verdict::Inconclusive);
    QVERIFY(g.detectableDelta > 0.07);  // three seeds this noisy cannot see a 0.07 gain
    QVERIFY(seedsFor(g, 0.07) > 3);
  }

  void bothArmsUseTheSamePairedSeeds() {
    // Seed 2's transfer run failed: the baseline column must not include seed 2 either, so
    // transfer − baseline equals Δ; the seed is counted as undefined.
    const auto gains = computeGains({scores("t", {{1, 0.5}, {2, 0.9}}, {{1, 0.6}})});
    const TargetGain& g = gains.front();
    QCOMPARE(g.baseline.n, 1);
    QVERIFY(qAbs(g.baseline.mean - 0.5) < 1e-12);
    QVERIFY(qAbs(g.transfer.mean - g.baseline.mean - g.delta.mean) < 1e-12);
    QVERIFY(qAbs(g.relativeDelta - 0.2) < 1e-12);
    QCOMPARE(g.seeds, 2);
    QCOMPARE(g.missingSeeds, 1);  // a run that did not finish is missing, not undefined
    QCOMPARE(g.undefinedSeeds, 0);
  }

  void anUndefinedSeedIsCountedNotANaNTarget() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    TargetScores t = scores("sts", {{1, 0.5}, {2, nan}, {3, 0.6}, {4, 0.55}},
                            {{1, 0.6}, {2, 0.4}, {3, 0.65}, {4, 0.62}});
    t.metric = QStringLiteral("pearson");
    const TargetGain g = computeGains({t}).front();
    QCOMPARE(g.undefinedSeeds, 1);
    QCOMPARE(g.missingSeeds, 0);
    QCOMPARE(g.delta.n, 3);
    QVERIFY(!std::isnan(g.delta.mean));
    // Every seed undefined: the reason says so rather than blaming missing arms.
    t.baseline = {{1, nan}, {2, nan}};
    t.transfer = {{1, nan}, {2, 0.3}};
    const TargetGain none = computeGains({t}).front();
    QCOMPARE(none.undefinedSeeds, 2);
    QVERIFY2(none.reason.contains(QStringLiteral("undefined")), qPrintable(none.reason));
  }

  void aReliableDifferenceBetweenTwoGuessesIsNoVerdict() {
    // Retrieval of 1 item in 57 against 4 in 57, over four seeds: a consistent Δ, but neither
    // arm beats chance (1/57), so no direction is called.
    TargetScores t = scores("udhr/yo", {{1, 1.0 / 57}, {2, 1.0 / 57}, {3, 1.0 / 57}, {4, 1.0 / 57}},
                            {{1, 3.0 / 57}, {2, 3.0 / 57}, {3, 3.5 / 57}, {4, 3.0 / 57}});
    t.metric = QStringLiteral("retrieval");
    t.chance = 1.0 / 57;
    t.chanceTrials = 57;
    const TargetGain g = computeGains({t}).front();
    QVERIFY(g.pAdjusted < 0.05);
    QVERIFY(g.atChance());
    QCOMPARE(g.verdict, Verdict::Inconclusive);
    QVERIFY(g.reason.contains(QStringLiteral("chance")));
  }

  void aClearDropIsNegativeAndNoiseIsNot() {
    // "a": every seed 0.09 to 0.11 worse; "b": Δ of both signs.
    const auto gains = computeGains({scores("a", {{1, 0.80}, {2, 0.81}, {3, 0.79}, {4, 0.80}},
                                            {{1, 0.70}, {2, 0.72}, {3, 0.68}, {4, 0.70}}),
                                     scores("b", {{1, 0.80}, {2, 0.60}, {3, 0.70}, {4, 0.75}},
                                            {{1, 0.79}, {2, 0.62}, {3, 0.69}, {4, 0.77}})});
    QCOMPARE(gains[0].verdict, Verdict::Negative);
    QCOMPARE(verdictName(gains[0].verdict), QStringLiteral("negative"));
    QCOMPARE(gains[1].verdict, Verdict::Inconclusive);
    QVERIFY(!gains[1].reason.isEmpty());
    // Holm over two targets: the smaller p is doubled.
    QVERIFY(qAbs(gains[0].pAdjusted - std::min(1.0, 2 * gains[0].p)) < 1e-12);
  }

  void holmCanTurnASingleSignificantTargetInconclusive() {
    // p = 0.035 alone is significant; among five targets whose other p are large it is not.
    TargetScores one =
        scores("x", {{1, 0.70}, {2, 0.72}, {3, 0.71}}, {{1, 0.73}, {2, 0.74}, {3, 0.75}});
    QCOMPARE(computeGains({one}).front().verdict, Verdict::Positive);
    std::vector<TargetScores> many{one};
    for (int i = 0; i < 4; ++i)
      many.push_back(scores(QStringLiteral("n%1").arg(i), {{1, 0.5}, {2, 0.6}, {3, 0.7}},
                            {{1, 0.52}, {2, 0.57}, {3, 0.71}}));
    const auto gains = computeGains(many);
    QCOMPARE(gains[0].verdict, Verdict::Inconclusive);
    QVERIFY(gains[0].pAdjusted > 0.05);
  }

  void oneSeedIsNeverADirectionWithoutExamples() {
    const TargetGain g = computeGains({scores("one", {{1, 0.5}}, {{1, 0.9}})}).front();
    QCOMPARE(g.verdict, Verdict::Inconclusive);
    QVERIFY(g.basis.isEmpty());
    QVERIFY(g.reason.contains(QStringLiteral("per-example")));
    QVERIFY(std::isnan(g.detectableDelta));
  }

  void twoSeedsRestOnTheExampleBootstrap() {
    // 200 test examples per seed, transfer right far more often: the example-level interval
    // excludes 0, so the verdict is positive even with two seeds.
    TargetScores t = scores("ex", {{1, 0.55}, {2, 0.56}}, {{1, 0.80}, {2, 0.81}});
    t.examples[1] = {correct(200, 0.55, 0), correct(200, 0.80, 3), {}};
    t.examples[2] = {correct(200, 0.56, 1), correct(200, 0.81, 5), {}};
    const TargetGain g = computeGains({t}).front();
    QCOMPARE(g.basis, QStringLiteral("examples"));
    QCOMPARE(g.testExamples, 200);
    QVERIFY(g.ci95Examples.excludesZero());
    QVERIFY(g.ci95Examples.low > 0.1 && g.ci95Examples.high < 0.4);
    QCOMPARE(g.verdict, Verdict::Positive);
  }

  void scoresThatDoNotBeatChanceAreMarked() {
    // Retrieval over 57 items: 2 and 1 right of 57 (0.035, 0.018) against chance 1/57.
    TargetScores t = scores("udhr/nl", {{1, 2.0 / 57}}, {{1, 1.0 / 57}});
    t.metric = QStringLiteral("retrieval");
    t.chance = 1.0 / 57;
    t.chanceTrials = 57;
    const TargetGain g = computeGains({t}).front();
    QVERIFY(g.baselineChanceP > 0.05);
    QVERIFY(g.atChance());
    // 40 of 57 is far above chance.
    t.baseline = {{1, 40.0 / 57}};
    QVERIFY(!computeGains({t}).front().atChance());
  }
};

QTEST_GUILESS_MAIN(GainsTest)
#include "test_gains.moc"

// Pins the pure maths of the live curves: debiased smoothing, envelope, x axes, outlier range.
#include <QTest>
#include <cmath>
#include <limits>

#include "plots/LinearFit.h"
#include "plots/SeriesMath.h"

using namespace twb;

class TestSeriesMath : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void smoothingMatchesHandValues();
  void debiasedFirstPointIsTheFirstValue();
  void zeroWeightIsIdentity();
  void constantSeriesStaysConstant();
  void nonFiniteValuesAreSkippedNotSpread();
  void smoothingDoesNotDependOnLength();
  void envelopeKeepsASpikeAmong100kPoints();
  void envelopeReturnsSmallInputUnchanged();
  void envelopeKeepsFirstAndLastAndOrder();
  void meanDecimationKeepsEndsAndAverages();
  void bandHoldsEachPixelsMinAndMax();
  void relativeStepStartsAtZero();
  void xAxisModesPickTheirField();
  void xAxisModeKeysRoundTrip();
  void robustRangeIgnoresOneOutlier();
  void robustRangeOfFewValuesIsTheFullRange();
  void robustRangeOfFlatSeriesHasSpan();
  void fitLineMatchesHandValues();
  void fitLineNeedsSpread();
};

void TestSeriesMath::smoothingMatchesHandValues() {
  // w = 0.5: s1 = 0.5*1 = 0.5 -> /0.5 = 1; s2 = 0.25 + 0.5*2 = 1.25 -> /0.75 = 5/3;
  // s3 = 0.625 + 0.5*4 = 2.625 -> /0.875 = 3.
  const QVector<double> s = smoothDebiased({1, 2, 4}, 0.5);
  QCOMPARE(s.size(), 3);
  QCOMPARE(s[0], 1.0);
  QVERIFY(qFuzzyCompare(s[1], 5.0 / 3.0));
  QVERIFY(qFuzzyCompare(s[2], 3.0));
}

void TestSeriesMath::debiasedFirstPointIsTheFirstValue() {
  for (double w : {0.1, 0.6, 0.9, 0.99}) {
    const QVector<double> s = smoothDebiased({2.5, 0.1, 0.2}, w);
    QVERIFY2(std::abs(s[0] - 2.5) < 1e-12, qPrintable(QString::number(w)));
  }
}

void TestSeriesMath::zeroWeightIsIdentity() {
  const QVector<double> values{3, 1, 4, 1, 5};
  QCOMPARE(smoothDebiased(values, 0.0), values);
}

void TestSeriesMath::constantSeriesStaysConstant() {
  const QVector<double> values(10000, 0.1);  // 0.1 is not exact in binary: rounding would show
  for (double w : {0.3, 0.6, 0.95, 0.99}) {
    const QVector<double> s = smoothDebiased(values, w);
    for (double v : s) QCOMPARE(v, 0.1);
  }
  // A constant with a gap stays constant around the gap.
  const QVector<double> gapped{2, 2, std::numeric_limits<double>::quiet_NaN(), 2};
  const QVector<double> s = smoothDebiased(gapped, 0.9);
  QCOMPARE(s[0], 2.0);
  QCOMPARE(s[3], 2.0);
}

void TestSeriesMath::nonFiniteValuesAreSkippedNotSpread() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const QVector<double> s = smoothDebiased({1, nan, 2, inf, 4}, 0.5);
  // The same as smoothing {1, 2, 4}, with the gaps left where they were.
  QCOMPARE(s[0], 1.0);
  QVERIFY(std::isnan(s[1]));
  QVERIFY(qFuzzyCompare(s[2], 5.0 / 3.0));
  QVERIFY(std::isinf(s[3]));
  QVERIFY(qFuzzyCompare(s[4], 3.0));
}

void TestSeriesMath::smoothingDoesNotDependOnLength() {
  // The first 100 smoothed values are the same whether the series has 100 or 10,000 points.
  QVector<double> longer;
  for (int i = 0; i < 10000; ++i) longer << std::sin(i * 0.01) + 0.001 * i;
  const QVector<double> shorter = longer.mid(0, 100);
  const QVector<double> a = smoothDebiased(shorter, 0.9);
  const QVector<double> b = smoothDebiased(longer, 0.9);
  for (int i = 0; i < 100; ++i) QCOMPARE(a[i], b[i]);
}

void TestSeriesMath::envelopeKeepsASpikeAmong100kPoints() {
  const int n = 100000;
  QVector<double> x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i;
    y[i] = 1.0 + 0.01 * std::sin(i * 0.1);
  }
  y[54321] = 50.0;
  const int pixels = 600;
  const XYSeries e = envelopeDecimate(x, y, pixels);
  QVERIFY(e.x.size() <= 2 * pixels + 2);
  QCOMPARE(e.x.size(), e.y.size());
  QVERIFY(e.y.contains(50.0));
  QCOMPARE(e.x[e.y.indexOf(50.0)], 54321.0);
  QCOMPARE(*std::max_element(e.y.begin(), e.y.end()), 50.0);
}

void TestSeriesMath::envelopeReturnsSmallInputUnchanged() {
  const QVector<double> x{0, 1, 2, 3};
  const QVector<double> y{4, 3, 2, 1};
  const XYSeries e = envelopeDecimate(x, y, 2);
  QCOMPARE(e.x, x);
  QCOMPARE(e.y, y);
}

void TestSeriesMath::envelopeKeepsFirstAndLastAndOrder() {
  QVector<double> x, y;
  for (int i = 0; i < 5000; ++i) {
    x << i * 0.5;
    y << (i % 7) - 3.0 + (i == 0 ? 100 : 0);
  }
  const XYSeries e = envelopeDecimate(x, y, 100);
  QVERIFY(e.x.size() <= 202);
  QCOMPARE(e.x.front(), x.front());
  QCOMPARE(e.y.front(), y.front());
  QCOMPARE(e.x.back(), x.back());
  QCOMPARE(e.y.back(), y.back());
  QVERIFY(std::is_sorted(e.x.begin(), e.x.end()));
  QCOMPARE(*std::min_element(e.y.begin(), e.y.end()), -3.0);
}

void TestSeriesMath::meanDecimationKeepsEndsAndAverages() {
  QVector<double> x, y;
  for (int i = 0; i < 10000; ++i) {
    x << i;
    y << (i % 2 ? 3.0 : 1.0);  // alternating: every bucket of even size averages to 2
  }
  const XYSeries m = meanDecimate(x, y, 100);
  QVERIFY(m.x.size() <= 102);
  QCOMPARE(m.x.front(), 0.0);
  QCOMPARE(m.y.front(), 1.0);
  QCOMPARE(m.x.back(), 9999.0);
  QCOMPARE(m.y.back(), 3.0);
  for (int i = 2; i < m.y.size() - 2; ++i) QVERIFY(std::abs(m.y[i] - 2.0) < 0.05);
  QVERIFY(std::is_sorted(m.x.begin(), m.x.end()));
  const XYSeries small = meanDecimate({0, 1, 2}, {5, 6, 7}, 10);
  QCOMPARE(small.y, (QVector<double>{5, 6, 7}));
}

void TestSeriesMath::bandHoldsEachPixelsMinAndMax() {
  const int n = 100000;
  QVector<double> x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i;
    y[i] = (i % 3) * 0.1;  // 0, 0.1, 0.2 in every pixel
  }
  y[4242] = -7.0;
  const Band band = envelopeBand(x, y, 500);
  QVERIFY(band.x.size() <= 502);
  QCOMPARE(band.x.size(), band.lower.size());
  QCOMPARE(band.x.size(), band.upper.size());
  QCOMPARE(band.x.front(), 0.0);
  QCOMPARE(band.x.back(), double(n - 1));
  QCOMPARE(*std::min_element(band.lower.begin(), band.lower.end()), -7.0);
  for (int i = 1; i < band.x.size() - 1; ++i) {
    QVERIFY(std::abs(band.upper[i] - 0.2) < 1e-12);
    QVERIFY(band.lower[i] <= 0.0);
  }
  QVERIFY(std::is_sorted(band.x.begin(), band.x.end()));
  QVERIFY(envelopeBand({}, {}, 10).x.isEmpty());
}

void TestSeriesMath::relativeStepStartsAtZero() {
  const QVector<SeriesPoint> points{{500, 3.0, 10, 1}, {510, 3.1, 11, 1}, {600, 4.0, 20, 1}};
  const QVector<double> rel = xValues(points, XAxisMode::RelativeStep);
  QCOMPARE(rel, (QVector<double>{0, 10, 100}));
}

void TestSeriesMath::xAxisModesPickTheirField() {
  const QVector<SeriesPoint> points{{7, 0.25, 12.5, 1}};
  QCOMPARE(xValues(points, XAxisMode::Step).front(), 7.0);
  QCOMPARE(xValues(points, XAxisMode::Epoch).front(), 0.25);
  QCOMPARE(xValues(points, XAxisMode::WallTime).front(), 12.5);
  QCOMPARE(yValues(points).front(), 1.0);
  QVERIFY(xValues({}, XAxisMode::RelativeStep).isEmpty());
}

void TestSeriesMath::xAxisModeKeysRoundTrip() {
  for (XAxisMode m :
       {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime, XAxisMode::RelativeStep}) {
    XAxisMode parsed = XAxisMode::Step;
    QVERIFY(parseXAxisMode(xAxisModeKey(m), &parsed));
    QCOMPARE(parsed, m);
    QVERIFY(parseXAxisMode(xAxisModeName(m), &parsed));
    QCOMPARE(parsed, m);
  }
  XAxisMode unused;
  QVERIFY(!parseXAxisMode(QStringLiteral("furlongs"), &unused));
}

void TestSeriesMath::robustRangeIgnoresOneOutlier() {
  QVector<double> values;
  for (int i = 0; i < 300; ++i) values << 0.5 + 0.001 * i;  // 0.5 .. 0.799
  values.insert(150, 1e6);
  const YRange robust = robustRange(values);
  QVERIFY(robust.valid);
  QVERIFY(robust.upper < 1.0);
  QVERIFY(robust.lower > 0.4);
  const YRange full = fullRange(values);
  QVERIFY(full.upper >= 1e6);
  // Also with few points, where a percentile would interpolate into the outlier.
  const YRange few = robustRange({0.1, 0.2, 0.15, 0.18, 0.12, 0.14, 250.0});
  QVERIFY(few.upper < 1.0);
}

void TestSeriesMath::robustRangeOfFewValuesIsTheFullRange() {
  const YRange r = robustRange({1, 3}, 0.01, 0.0);
  QCOMPARE(r.lower, 1.0);
  QCOMPARE(r.upper, 3.0);
  QVERIFY(!robustRange({}).valid);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  QVERIFY(!robustRange({nan, nan}).valid);
}

void TestSeriesMath::robustRangeOfFlatSeriesHasSpan() {
  const YRange r = robustRange(QVector<double>(50, 2.0));
  QVERIFY(r.valid);
  QVERIFY(r.lower < 2.0);
  QVERIFY(r.upper > 2.0);
  const YRange both = unite(r, fullRange({5.0}));
  QVERIFY(both.upper > 5.0);
  QCOMPARE(unite(YRange{}, r).lower, r.lower);
}

void TestSeriesMath::fitLineMatchesHandValues() {
  // x = 1..5, y = 2, 4, 5, 4, 5: mean x 3, mean y 4; Sxy = 6, Sxx = 10, Syy = 6.
  // slope 0.6, intercept 2.2, r = 6 / sqrt(60) = 0.7745967.
  const LinearFit fit = fitLine({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5});
  QVERIFY(fit.valid);
  QCOMPARE(fit.n, 5);
  QVERIFY(std::abs(fit.slope - 0.6) < 1e-12);
  QVERIFY(std::abs(fit.intercept - 2.2) < 1e-12);
  QVERIFY(std::abs(fit.r - 6.0 / std::sqrt(60.0)) < 1e-12);
}

void TestSeriesMath::fitLineNeedsSpread() {
  QVERIFY(!fitLine({1}, {2}).valid);
  QVERIFY(!fitLine({2, 2, 2}, {1, 2, 3}).valid);
  const LinearFit flat = fitLine({1, 2, 3}, {4, 4, 4});
  QVERIFY(flat.valid);
  QVERIFY(std::isnan(flat.r));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  QCOMPARE(fitLine({1, nan, 3, 4}, {1, 2, nan, 4}).n, 2);
}

QTEST_APPLESS_MAIN(TestSeriesMath)
#include "test_series_math.moc"

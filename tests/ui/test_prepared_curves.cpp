// Pins that the loss plot's cache (columns extended on append, one-pass cut of the visible
// span) prepares exactly the numbers prepareSeries computes from all the points.
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "plots/CurveStore.h"
#include "plots/PreparedCurves.h"

using namespace twb;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bit for bit, so NaN gaps count as equal and -0 as different from 0.
bool same(const QVector<double>& a, const QVector<double>& b) {
  return a.size() == b.size() &&
         (a.isEmpty() || std::memcmp(a.constData(), b.constData(), a.size() * sizeof(double)) == 0);
}

bool same(const YRange& a, const YRange& b) {
  return a.valid == b.valid && (!a.valid || (a.lower == b.lower && a.upper == b.upper));
}

QString differs(const PreparedSeries& a, const PreparedSeries& b) {
  if (!same(a.xRange, b.xRange)) return QStringLiteral("x range");
  if (!same(a.yRange, b.yRange)) return QStringLiteral("y range");
  if (a.dense != b.dense) return QStringLiteral("dense");
  if (!same(a.band.x, b.band.x) || !same(a.band.lower, b.band.lower) ||
      !same(a.band.upper, b.band.upper))
    return QStringLiteral("band");
  if (!same(a.raw.x, b.raw.x) || !same(a.raw.y, b.raw.y)) return QStringLiteral("raw");
  if (!same(a.line.x, b.line.x) || !same(a.line.y, b.line.y)) return QStringLiteral("line");
  if (a.best.valid != b.best.valid || a.best.index != b.best.index || a.bestX != b.bestX)
    return QStringLiteral("best");
  return {};
}

// What the cached series gets wrong against one prepared from all the points (empty: nothing).
QString mismatch(CurveCache* cache, const CurveStore& store, const SeriesKey& key,
                 const CurveOptions& options) {
  return differs(cache->get(store, key, options),
                 prepareSeries(store.points(key), key.metric, options));
}

const StageInfo kWhere{QStringLiteral("target"), QStringLiteral("transfer"), QStringLiteral("sst2"),
                       1, 7};

// Noisy losses with a gap, a zero and a negative value among them (log axes drop those).
QVector<LivePoint> batch(const QString& metric, qint64 from, int count, std::mt19937_64& rng,
                         bool flat = false) {
  std::normal_distribution<double> noise(0.0, 0.2);
  QVector<LivePoint> points;
  for (qint64 step = from; step < from + count; ++step) {
    double v = flat ? 0.5 : 2.0 * std::exp(-step / 800.0) + 0.3 + 0.1 * noise(rng);
    if (!flat && step % 997 == 5) v = kNaN;
    if (!flat && step % 1499 == 7) v = step % 2 ? 0.0 : -0.1;
    points.push_back({kWhere, {kWhere.stageId, step, step / 100.0, step * 0.5, metric, v}});
  }
  return points;
}

QVector<CurveOptions> optionSets() {
  QVector<CurveOptions> sets;
  for (double smoothing : {0.0, 0.6, 0.95}) {
    for (bool logY : {false, true}) {
      for (bool outliers : {false, true}) {
        CurveOptions o;
        o.smoothing = smoothing;
        o.logY = logY;
        o.ignoreOutliers = outliers;
        o.pixels = 100;
        sets << o;
      }
    }
  }
  return sets;
}

}  // namespace

class TestPreparedCurves : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void appendingMatchesComputingFromScratch();
  void panAndZoomMatchComputingFromScratch();
  void flatStartThenNoiseMatches();
  void latePointAndReplacementMatch();
};

// Replots between batches, as while training: every cached series equals a fresh one.
void TestPreparedCurves::appendingMatchesComputingFromScratch() {
  for (const QString& metric : {QStringLiteral("train_loss"), QStringLiteral("dev_loss")}) {
    for (CurveOptions options : optionSets()) {
      options.metric = metric;
      std::mt19937_64 rng(42);
      CurveStore store;
      CurveCache cache;
      qint64 step = 0;
      for (int count : {1, 3, 150, 40, 2000, 7, 3000}) {
        store.add(batch(metric, step, count, rng));
        step += count;
        const SeriesKey key = store.keys().front();
        const QString why = mismatch(&cache, store, key, options);
        const QString where =
            QStringLiteral("%1 after %2 points, smoothing %3, log %4, outliers %5")
                .arg(metric)
                .arg(step)
                .arg(options.smoothing)
                .arg(options.logY)
                .arg(options.ignoreOutliers);
        QVERIFY2(why.isEmpty(), qPrintable(where + QStringLiteral(": ") + why));
      }
    }
  }
}

// Visible spans cut from the kept columns: wide (dense), narrow (every point), off the ends.
void TestPreparedCurves::panAndZoomMatchComputingFromScratch() {
  std::mt19937_64 rng(7);
  CurveStore store;
  store.add(batch(QStringLiteral("dev_loss"), 0, 6000, rng));
  const SeriesKey key = store.keys().front();
  for (XAxisMode mode :
       {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime, XAxisMode::RelativeStep}) {
    CurveCache cache;
    for (CurveOptions options : optionSets()) {
      options.metric = key.metric;
      options.xMode = mode;
      const double scale =
          mode == XAxisMode::Epoch ? 0.01 : (mode == XAxisMode::WallTime ? 0.5 : 1);
      const QList<QPair<double, double>> spans = {{-100, 7000}, {300, 5200},    {310, 5210},
                                                  {1000, 1150}, {2000.5, 2001}, {-50, 20},
                                                  {5990, 9000}, {8000, 9000}};
      for (const auto& [lower, upper] : spans) {
        options.clipX = true;
        options.xLower = lower * scale;
        options.xUpper = upper * scale;
        const QString why = mismatch(&cache, store, key, options);
        QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("span %1..%2, smoothing %3: %4")
                                               .arg(options.xLower)
                                               .arg(options.xUpper)
                                               .arg(options.smoothing)
                                               .arg(why)));
      }
    }
  }
}

// A constant start is its own smoothing; the first different value restarts the average.
void TestPreparedCurves::flatStartThenNoiseMatches() {
  std::mt19937_64 rng(3);
  CurveStore store;
  CurveCache cache;
  CurveOptions options;
  options.metric = QStringLiteral("train_loss");
  options.smoothing = 0.6;
  options.pixels = 50;
  store.add(batch(options.metric, 0, 500, rng, true));
  const SeriesKey key = store.keys().front();
  const PreparedSeries flat = cache.get(store, key, options);
  QVERIFY(differs(flat, prepareSeries(store.points(key), options.metric, options)).isEmpty());
  QCOMPARE(flat.line.y.front(), 0.5);
  store.add(batch(options.metric, 500, 500, rng));
  QVERIFY(mismatch(&cache, store, key, options).isEmpty());
}

// A point before the last one, or a stored stage loaded over the series: computed again.
void TestPreparedCurves::latePointAndReplacementMatch() {
  std::mt19937_64 rng(5);
  CurveStore store;
  CurveCache cache;
  CurveOptions options;
  options.metric = QStringLiteral("dev_loss");
  options.smoothing = 0.6;
  options.pixels = 100;
  store.add(batch(options.metric, 10, 3000, rng));
  const SeriesKey key = store.keys().front();
  const quint64 generation = store.generation(key);
  cache.get(store, key, options);
  store.add(batch(options.metric, 3010, 5, rng));
  QCOMPARE(store.generation(key), generation);  // appended only
  cache.get(store, key, options);
  QVector<LivePoint> late = batch(options.metric, 0, 1, rng);
  late[0].point.value = 0.01;  // the new best, and the new first point
  store.add(late);
  QVERIFY(store.generation(key) != generation);
  QVERIFY(mismatch(&cache, store, key, options).isEmpty());
  QVector<MetricPoint> stored;
  for (const LivePoint& p : batch(options.metric, 0, 400, rng)) stored << p.point;
  store.addStored(kWhere, stored);
  QVERIFY(mismatch(&cache, store, key, options).isEmpty());
}

QTEST_MAIN(TestPreparedCurves)
#include "test_prepared_curves.moc"

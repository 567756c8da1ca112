// Pins that the loss plot's cache (columns extended on append, one-pass cut of the visible
// span, pixels summed from a pyramid) prepares the numbers prepareSeries computes from all the
// points: exactly, except the means' last bits (SpanPyramid), which stay within a stated bound.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "plots/CurveStore.h"
#include "plots/DenseDecimation.h"
#include "plots/PreparedCurves.h"

using namespace twb;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bit for bit, so NaN gaps count as equal and -0 as different from 0.
bool same(const QVector<double>& a, const QVector<double>& b) {
  return a.size() == b.size() &&
         (a.isEmpty() || std::memcmp(a.constData(), b.constData(), a.size() * sizeof(double)) == 0);
}

// For means (the band's x, the line): the pyramid adds a run's sum as one number where adding
// point by point rounds after each point, so exact equality is impossible. Each sum of k values
// is within (k - 1) * epsilon / 2 * sum |v| of the exact sum, so two means of the same k values
// differ by at most k * epsilon * max |v|. Here `points` (the series' length) bounds k and the
// largest |entry| (the ends are values themselves, and these series keep one sign but for a
// point or two) stands for max |v|. Non-finite entries must match bit for bit.
bool close(const QVector<double>& a, const QVector<double>& b, int points) {
  if (a.size() != b.size()) return false;
  double scale = 0;
  for (const QVector<double>* v : {&a, &b}) {
    for (double e : *v) {
      if (std::isfinite(e)) scale = std::max(scale, std::abs(e));
    }
  }
  const double bound = points * std::numeric_limits<double>::epsilon() * scale;
  for (qsizetype i = 0; i < a.size(); ++i) {
    if (!std::isfinite(a[i]) || !std::isfinite(b[i])) {
      if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return false;
    } else if (std::abs(a[i] - b[i]) > bound) {
      return false;
    }
  }
  return true;
}

bool same(const YRange& a, const YRange& b) {
  return a.valid == b.valid && (!a.valid || (a.lower == b.lower && a.upper == b.upper));
}

// `points`: the series' length, for the means' bound (close).
QString differs(const PreparedSeries& a, const PreparedSeries& b, int points) {
  if (!same(a.xRange, b.xRange)) return QStringLiteral("x range");
  if (!same(a.yRange, b.yRange)) return QStringLiteral("y range");
  if (a.dense != b.dense) return QStringLiteral("dense");
  if (!same(a.band.lower, b.band.lower) || !same(a.band.upper, b.band.upper))
    return QStringLiteral("band");
  if (!close(a.band.x, b.band.x, points)) return QStringLiteral("band x");
  if (!same(a.raw.x, b.raw.x) || !same(a.raw.y, b.raw.y)) return QStringLiteral("raw");
  if (!close(a.line.x, b.line.x, points) || !close(a.line.y, b.line.y, points))
    return QStringLiteral("line");
  if (a.best.valid != b.best.valid || a.best.index != b.best.index || a.bestX != b.bestX)
    return QStringLiteral("best");
  return {};
}

// What the cached series gets wrong against one prepared from all the points (empty: nothing).
QString mismatch(CurveCache* cache, const CurveStore& store, const SeriesKey& key,
                 const CurveOptions& options) {
  const QVector<SeriesPoint>& points = store.points(key);
  return differs(cache->get(store, key, options), prepareSeries(points, key.metric, options),
                 static_cast<int>(points.size()));
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

// A series with what the pyramid must get right: gaps, infinities, whole blocks with nothing
// finite, ties of 0 and -0 at a bucket's low end (the band keeps the first), values a log axis
// drops, and optionally a flat start (the smoothing then restarts from the first point).
QVector<SeriesPoint> awkwardPoints(int count, std::mt19937_64& rng, int flatUntil = 0) {
  std::normal_distribution<double> noise(0.0, 0.3);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  QVector<SeriesPoint> points;
  for (qint64 step = 0; step < count; ++step) {
    double v = 1.5 * std::exp(-step / 900.0) + 0.2 + 0.1 * noise(rng);
    if (step % 211 == 3) v = kNaN;
    if (step % 389 == 11) v = kInf;
    if (step % 577 == 13) v = -kInf;
    if (step % 733 < 3) v = step % 2 ? 0.0 : -0.0;
    if (step >= 1600 && step < 1650) v = kNaN;
    if (step < flatUntil) v = 0.5;
    points.push_back({step, step / 100.0, step * 0.37, v});
  }
  return points;
}

// The pyramid's band and line of [first, last) against adding every point (empty: they agree).
QString pyramidMismatch(const SeriesColumns& c, bool smoothed, int first, int last, int pixels,
                        bool integerX) {
  const QVector<double>& lineY = smoothed ? c.smooth : c.ys;
  Band band, pyramidBand;
  XYSeries line, pyramidLine;
  decimateDense(c.xs, c.ys, lineY, first, last, pixels, &band, &line);
  decimateDense(c.xs, c.ys, lineY, c.pyramid, first, last, pixels, &pyramidBand, &pyramidLine);
  if (!same(band.lower, pyramidBand.lower) || !same(band.upper, pyramidBand.upper))
    return QStringLiteral("band");
  const int points = last - first;
  // Sums of integers are exact in any order: on a step axis the x means are equal too.
  const bool xAgrees =
      integerX ? same(band.x, pyramidBand.x) && same(line.x, pyramidLine.x)
               : close(band.x, pyramidBand.x, points) && close(line.x, pyramidLine.x, points);
  if (!xAgrees) return QStringLiteral("x");
  if (!close(line.y, pyramidLine.y, points)) return QStringLiteral("line");
  return {};
}

// The pyramid's decimation of two columns, bit for bit (empty: the same).
QString pyramidsDiffer(const SeriesColumns& a, const SeriesColumns& b, bool smoothed, int first,
                       int last, int pixels) {
  Band bandA, bandB;
  XYSeries lineA, lineB;
  decimateDense(a.xs, a.ys, smoothed ? a.smooth : a.ys, a.pyramid, first, last, pixels, &bandA,
                &lineA);
  decimateDense(b.xs, b.ys, smoothed ? b.smooth : b.ys, b.pyramid, first, last, pixels, &bandB,
                &lineB);
  if (!same(bandA.x, bandB.x) || !same(bandA.lower, bandB.lower) || !same(bandA.upper, bandB.upper))
    return QStringLiteral("band");
  if (!same(lineA.x, lineB.x) || !same(lineA.y, lineB.y)) return QStringLiteral("line");
  return {};
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
  void pyramidMatchesAddingEveryPoint();
  void appendsGrowThePyramidAsBuildingItAtOnce();
  void unsortedXFallsBackToEveryPoint();
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
  QVERIFY(differs(flat, prepareSeries(store.points(key), options.metric, options), 500).isEmpty());
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

// Spans whose ends fall on, just past and inside the pyramid's blocks of 16, narrow and wide,
// over every x axis, smoothed or not, linear or log: the extremes exactly, the means within
// their bound (on a step axis the x means exactly).
void TestPreparedCurves::pyramidMatchesAddingEveryPoint() {
  std::mt19937_64 rng(9);
  const QVector<SeriesPoint> points = awkwardPoints(6000, rng);
  const int n = static_cast<int>(points.size());
  for (XAxisMode mode :
       {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime, XAxisMode::RelativeStep}) {
    for (double smoothing : {0.0, 0.6}) {
      for (bool logY : {false, true}) {
        SeriesColumns columns;
        columns.update(points, 1, QStringLiteral("train_loss"), {mode, smoothing, logY, false});
        QVERIFY(columns.xSorted);
        const bool integerX = mode == XAxisMode::Step || mode == XAxisMode::RelativeStep;
        for (int first : {0, 1, 15, 16, 17, 333, 1599, 1601}) {
          for (int last : {n, n - 1, n - 15, 4007, 1648, 2 * first + 40}) {
            for (int pixels : {1, 7, 60, 400}) {
              const QString why =
                  pyramidMismatch(columns, smoothing > 0, first, last, pixels, integerX);
              QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("mode %1, smoothing %2, log %3, "
                                                                "points %4..%5, %6 px: %7")
                                                     .arg(xAxisModeKey(mode))
                                                     .arg(smoothing)
                                                     .arg(logY)
                                                     .arg(first)
                                                     .arg(last)
                                                     .arg(pixels)
                                                     .arg(why)));
            }
          }
        }
      }
    }
  }
}

// Appends of every size, most ending inside a block, and a flat start whose end restarts the
// smoothing: the grown pyramid is the one built from all the points at once, bit for bit.
void TestPreparedCurves::appendsGrowThePyramidAsBuildingItAtOnce() {
  std::mt19937_64 rng(11);
  const QVector<SeriesPoint> all = awkwardPoints(5000, rng, 300);
  const QString metric = QStringLiteral("train_loss");
  for (double smoothing : {0.0, 0.6}) {
    for (bool logY : {false, true}) {
      const ColumnOptions options{XAxisMode::Epoch, smoothing, logY, false};
      SeriesColumns grown;
      int n = 0;
      for (int count : {1, 5, 10, 16, 17, 31, 1, 500, 3, 2000, 7, 2409}) {
        n += count;
        grown.update(all.mid(0, n), 1, metric, options);
        SeriesColumns atOnce;
        atOnce.update(all.mid(0, n), 1, metric, options);
        for (int pixels : {1, 9, 50}) {
          for (int first : {0, n / 3 + 5}) {
            const QString where = QStringLiteral("smoothing %1, log %2, %3 points from %4, %5 px")
                                      .arg(smoothing)
                                      .arg(logY)
                                      .arg(n)
                                      .arg(first)
                                      .arg(pixels);
            const QString grew = pyramidsDiffer(grown, atOnce, smoothing > 0, first, n, pixels);
            QVERIFY2(grew.isEmpty(), qPrintable(where + QStringLiteral(": grown ") + grew));
            const QString why = pyramidMismatch(grown, smoothing > 0, first, n, pixels, false);
            QVERIFY2(why.isEmpty(), qPrintable(where + QStringLiteral(": ") + why));
          }
        }
      }
    }
  }
}

// A NaN x (or one that goes back) cannot be searched: such columns cut point by point, exactly
// as from scratch.
void TestPreparedCurves::unsortedXFallsBackToEveryPoint() {
  std::mt19937_64 rng(13);
  QVector<SeriesPoint> points = awkwardPoints(3000, rng);
  points[1234].wall = kNaN;
  const QString metric = QStringLiteral("train_loss");
  CurveOptions options;
  options.metric = metric;
  options.xMode = XAxisMode::WallTime;
  options.smoothing = 0.6;
  options.pixels = 50;
  SeriesColumns columns;
  columns.update(points, 1, metric, columnOptions(options));
  QVERIFY(!columns.xSorted);
  const PreparedSeries prepared = prepareSeries(columns, options);
  QVERIFY(prepared.dense);
  QVERIFY(differs(prepared, prepareSeries(points, metric, options), 0).isEmpty());
  options.xMode = XAxisMode::Step;
  columns.update(points, 1, metric, columnOptions(options));
  QVERIFY(columns.xSorted);
}

QTEST_MAIN(TestPreparedCurves)
#include "test_prepared_curves.moc"

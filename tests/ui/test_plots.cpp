// Pins the live curves: the store, one graph per series, merged replots, best dev marks, the
// envelope, x axes and log y (writes loss plots to artifacts/ beside the binary for a look).
#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPainter>
#include <QSvgRenderer>
#include <QTest>
#include <cmath>

#include "export/PlotExport.h"
#include "plots/CurveStore.h"
#include "plots/EnvelopeBand.h"
#include "plots/LossPlot.h"

using namespace twb;

namespace {

// A repeatable wiggle in [-1, 1] instead of random noise.
double wiggle(int step, int seed) {
  return std::sin(step * 12.9898 + seed * 78.233) * 0.5 + std::sin(step * 0.37 + seed) * 0.5;
}

int peakStep(int seed) { return 60 + 10 * seed; }

// Two arms x three seeds of one target stage: train_loss every step, dev_accuracy every 10
// steps peaking at peakStep(seed). The transfer arm's steps start at 1000 (it continues from
// the intermediate checkpoint's counter) so the relative-step axis has something to align.
QVector<LivePoint> twoArmsThreeSeeds(int steps = 150) {
  QVector<LivePoint> points;
  qint64 stageId = 1;
  for (const QString& arm : {QStringLiteral("baseline"), QStringLiteral("transfer")}) {
    const bool transfer = arm == QLatin1String("transfer");
    for (int seed = 0; seed < 3; ++seed) {
      const StageInfo where{QStringLiteral("target"), arm, QStringLiteral("sst2"), seed, stageId++};
      const qint64 offset = transfer ? 1000 : 0;
      for (int s = 0; s <= steps; ++s) {
        const double loss = (transfer ? 1.2 : 2.0) * std::exp(-s / 35.0) + 0.25 +
                            0.08 * wiggle(s, seed + (transfer ? 7 : 0));
        points.push_back(
            {where,
             {where.stageId, offset + s, s / 50.0, s * 0.4, QStringLiteral("train_loss"), loss}});
        if (s % 10 == 0) {
          const double acc = (transfer ? 0.87 : 0.85) - 0.00005 * std::pow(s - peakStep(seed), 2);
          points.push_back({where,
                            {where.stageId, offset + s, s / 50.0, s * 0.4,
                             QStringLiteral("dev_accuracy"), acc}});
        }
      }
    }
  }
  return points;
}

QString artifactDir() {
  const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/artifacts");
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class TestPlots : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void storeKeepsEverySeriesAndPoint();
  void storedStageReplacesItsSeries();
  void bestDevPointPerMetricDirection();
  void lossPlotDrawsOneGraphPerSeries();
  void lossPlotMarksBestDevPoint();
  void replotsAreMergedByTheTimer();
  void manyPointsAreDrawnAsAnEnvelope();
  void relativeStepLinesUpTheArms();
  void logYSwitchesTheScale();
  void rendersArtifacts();
};

void TestPlots::storeKeepsEverySeriesAndPoint() {
  CurveStore store;
  int changes = 0;
  connect(&store, &CurveStore::changed, this, [&] { ++changes; });
  const QVector<LivePoint> points = twoArmsThreeSeeds();
  store.add(points);
  QCOMPARE(changes, 1);
  QCOMPARE(store.seriesCount(), 12);  // 2 arms x 3 seeds x 2 metrics
  QCOMPARE(store.pointCount(), qint64(points.size()));
  QCOMPARE(store.metrics(), (QStringList{"dev_accuracy", "train_loss"}));
  QCOMPARE(store.stages(), QStringList{"target"});
  const SeriesKey key{"target", "baseline", "sst2", 1, "train_loss", {}};
  QVERIFY(store.contains(key));
  QCOMPARE(store.points(key).size(), 151);
  // A late point goes to its place in step order.
  store.add({{{"target", "baseline", "sst2", 1, 2}, {2, 5, 0.1, 2, "train_loss", 9.0}}});
  const QVector<SeriesPoint> pts = store.points(key);
  QCOMPARE(pts.size(), 152);
  QCOMPARE(pts[6].step, qint64(5));
  QCOMPARE(pts[6].value, 9.0);
  store.clear();
  QCOMPARE(store.seriesCount(), 0);
  QCOMPARE(store.pointCount(), qint64(0));
}

void TestPlots::storedStageReplacesItsSeries() {
  CurveStore store;
  const StageInfo where{"target", "transfer", "sst2", 0, 9};
  QVector<MetricPoint> stored;
  for (int s = 0; s < 20; ++s)
    stored.push_back({9, s, s / 10.0, s * 1.0, "dev_loss", 1.0 / (s + 1)});
  store.addStored(where, stored, "exp 3");
  store.addStored(where, stored, "exp 3");
  QCOMPARE(store.seriesCount(), 1);
  QCOMPARE(store.pointCount(), qint64(20));
  QCOMPARE(store.keys().front().origin, QString("exp 3"));
}

void TestPlots::bestDevPointPerMetricDirection() {
  CurveStore store;
  const StageInfo where{"target", "baseline", "stsb", 0, 1};
  QVector<MetricPoint> pts;
  const QVector<double> loss{0.9, 0.5, 0.4, 0.45, 0.6};
  const QVector<double> pearson{0.2, 0.6, 0.8, 0.85, 0.7};
  for (int i = 0; i < loss.size(); ++i) {
    pts.push_back({1, i * 100, 0, 0, "dev_loss", loss[i]});
    pts.push_back({1, i * 100, 0, 0, "dev_pearson", pearson[i]});
    pts.push_back({1, i * 100, 0, 0, "train_loss", loss[i]});
  }
  store.addStored(where, pts);
  QCOMPARE(store.best({"target", "baseline", "stsb", 0, "dev_loss", {}}).point.step, qint64(200));
  QCOMPARE(store.best({"target", "baseline", "stsb", 0, "dev_pearson", {}}).point.step,
           qint64(300));
  QVERIFY(!store.best({"target", "baseline", "stsb", 0, "train_loss", {}}).valid);
}

void TestPlots::lossPlotDrawsOneGraphPerSeries() {
  CurveStore store;
  LossPlot plot(&store);
  plot.resize(900, 520);
  plot.show();
  QVERIFY(QTest::qWaitForWindowExposed(&plot));
  store.add(twoArmsThreeSeeds());
  QCOMPARE(plot.metric(), QString("train_loss"));  // guessed until someone chooses
  plot.setSmoothing(0);
  QTRY_COMPARE(plot.seriesDrawn(), 6);
  QCOMPARE(plot.graphCount(), 6);
  // Smoothing adds a faint raw curve under each smoothed one.
  plot.setSmoothing(0.8);
  QTRY_COMPARE(plot.graphCount(), 12);
  QCOMPARE(plot.seriesDrawn(), 6);
  // One legend entry per (arm, target) group, not per seed.
  QCOMPARE(plot.plot()->legend->itemCount(), 2);
  // Line styles carry the arm as well as colour.
  QSet<Qt::PenStyle> styles;
  for (int i = 0; i < plot.graphCount(); ++i) styles.insert(plot.plot()->graph(i)->pen().style());
  QVERIFY(styles.contains(Qt::SolidLine));
  QVERIFY(styles.contains(Qt::DashLine));
  // The stage filter hides everything when the stage has no series.
  plot.setStage("intermediate");
  QTRY_COMPARE(plot.seriesDrawn(), 0);
  QCOMPARE(plot.graphCount(), 0);
  plot.setStage({});
  QTRY_COMPARE(plot.seriesDrawn(), 6);
}

void TestPlots::lossPlotMarksBestDevPoint() {
  CurveStore store;
  LossPlot plot(&store);
  store.add(twoArmsThreeSeeds());
  plot.setMetric("dev_accuracy");
  plot.setXAxisMode(XAxisMode::Step);
  QTRY_COMPARE(plot.seriesDrawn(), 6);
  const QVector<BestMark> marks = plot.bestMarks();
  QCOMPARE(marks.size(), 6);
  int labelled = 0;
  for (const BestMark& m : marks) {
    const qint64 offset = m.key.arm == "transfer" ? 1000 : 0;
    QCOMPARE(m.step, offset + peakStep(m.key.seed));
    QCOMPARE(m.x, double(offset + peakStep(m.key.seed)));
    if (m.labelled) ++labelled;
  }
  QCOMPARE(labelled, 2);  // one label per arm, at its best seed
  // The labels say where the best point is.
  int bestLabels = 0;
  for (int i = 0; i < plot.plot()->itemCount(); ++i) {
    if (auto* text = qobject_cast<QCPItemText*>(plot.plot()->item(i))) {
      if (text->text().startsWith("best 0.870 @ step 10") ||
          text->text().startsWith("best 0.850 @ step ")) {
        ++bestLabels;
      }
    }
  }
  QCOMPARE(bestLabels, 2);
  // Train series have no best mark.
  plot.setMetric("train_loss");
  QTRY_VERIFY(plot.bestMarks().isEmpty() && plot.seriesDrawn() == 6);
}

void TestPlots::replotsAreMergedByTheTimer() {
  CurveStore store;
  LossPlot plot(&store);
  QTRY_VERIFY(!plot.replotPending());
  const int before = plot.replotCount();
  const QVector<LivePoint> points = twoArmsThreeSeeds();
  // 2,000 batches with no event loop in between: one replot, not 2,000.
  for (int i = 0; i < 2000; ++i) store.add({points[i % points.size()]});
  QVERIFY(plot.replotPending());
  QCOMPARE(plot.replotCount(), before);
  QTRY_VERIFY(!plot.replotPending());
  QCOMPARE(plot.replotCount(), before + 1);
  QCOMPARE(LossPlot::kReplotIntervalMs, 50);
  QVERIFY(plot.replotInterval() >= LossPlot::kReplotIntervalMs);
}

void TestPlots::manyPointsAreDrawnAsAnEnvelope() {
  CurveStore store;
  LossPlot plot(&store);
  plot.resize(800, 400);
  plot.show();
  QVERIFY(QTest::qWaitForWindowExposed(&plot));
  QVector<LivePoint> points;
  const StageInfo where{"target", "baseline", "sst2", 0, 1};
  for (int s = 0; s < 100000; ++s) {
    const double v = s == 77777 ? 40.0 : 1.0 + 0.1 * wiggle(s, 0);
    points.push_back({where, {1, s, s / 1000.0, s * 0.01, "train_loss", v}});
  }
  store.add(points);
  plot.setSmoothing(0);
  QTRY_COMPARE(plot.seriesDrawn(), 1);
  // Cut for the width the axes had when drawn; tick labels may shift it by a few pixels.
  const int width = plot.plot()->axisRect()->width();
  QVERIFY(width > 100);
  QVERIFY(std::abs(plot.envelopePixels() - width) <= 0.1 * width);
  // Drawn as a min/max band plus a line of one mean point per pixel.
  QCOMPARE(plot.plot()->plottableCount(), 2);
  auto* band = qobject_cast<EnvelopeBand*>(plot.plot()->plottable(0));
  QVERIFY(band);
  QVERIFY(band->dataCount() <= 2 * plot.envelopePixels() + 4);
  QVERIFY(plot.plot()->graph(0)->dataCount() <= plot.envelopePixels() + 2);
  QVERIFY(plot.pointsDrawn() < 100000 / 20);
  // The spike survives decimation and the y axis shows it (no outliers ignored).
  bool found = false;
  QCOMPARE(band->getValueRange(found).upper, 40.0);
  QVERIFY(plot.plot()->yAxis->range().upper >= 40.0);
  plot.setIgnoreOutliers(true);
  QTRY_VERIFY(plot.plot()->yAxis->range().upper < 2.0);
}

void TestPlots::relativeStepLinesUpTheArms() {
  CurveStore store;
  LossPlot plot(&store);
  store.add(twoArmsThreeSeeds());
  plot.setSmoothing(0);
  plot.setXAxisMode(XAxisMode::Step);
  QTRY_VERIFY(plot.seriesDrawn() == 6 && plot.plot()->xAxis->range().upper >= 1150);
  plot.setXAxisMode(XAxisMode::RelativeStep);
  QTRY_COMPARE(plot.plot()->xAxis->range().upper, 150.0);
  QCOMPARE(plot.plot()->xAxis->range().lower, 0.0);
  plot.setXAxisMode(XAxisMode::WallTime);
  QTRY_COMPARE(plot.plot()->xAxis->range().upper, 60.0);
}

void TestPlots::logYSwitchesTheScale() {
  CurveStore store;
  LossPlot plot(&store);
  store.add(twoArmsThreeSeeds());
  plot.setLogY(true);
  QTRY_VERIFY(plot.seriesDrawn() == 6 && !plot.replotPending());
  QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
  QVERIFY(plot.plot()->yAxis->range().lower > 0);
  plot.setLogY(false);
  QTRY_COMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLinear);
}

void TestPlots::rendersArtifacts() {
  const QString out = artifactDir();
  CurveStore store;
  LossPlot loss(&store);
  loss.resize(1000, 560);
  loss.show();
  QVERIFY(QTest::qWaitForWindowExposed(&loss));
  store.add(twoArmsThreeSeeds());
  loss.setSmoothing(0.8);
  loss.setXAxisMode(XAxisMode::RelativeStep);
  QTRY_VERIFY(loss.seriesDrawn() == 6 && !loss.replotPending());
  QCOMPARE(PlotExport::savePng(loss.plot(), out + "/loss_train.png"), QString());
  QVERIFY(loss.grab().save(out + "/loss_widget.png"));
  loss.setMetric("dev_accuracy");
  loss.setSmoothing(0);
  QTRY_VERIFY(loss.bestMarks().size() == 6 && !loss.replotPending());
  QCOMPARE(PlotExport::savePng(loss.plot(), out + "/loss_dev_accuracy.png"), QString());
  // A long noisy run with a spike, on a log axis with outliers ignored.
  QVector<LivePoint> longRun;
  const StageInfo where{"intermediate", {}, {}, 0, 99};
  for (int s = 0; s < 50000; ++s) {
    const double v = s == 31000 ? 60.0 : 3.0 * std::exp(-s / 8000.0) + 0.05 + 0.04 * wiggle(s, 3);
    longRun.push_back({where, {99, s, s / 5000.0, s * 0.02, "train_loss", v}});
  }
  store.add(longRun);
  loss.setMetric("train_loss");
  loss.setStage("intermediate");
  loss.setXAxisMode(XAxisMode::WallTime);
  loss.setSmoothing(0.95);
  loss.setLogY(true);
  QTRY_VERIFY(loss.seriesDrawn() == 1 && !loss.replotPending());
  QCOMPARE(PlotExport::savePng(loss.plot(), out + "/loss_long_logy.png"), QString());
  loss.setIgnoreOutliers(true);
  QTRY_VERIFY(!loss.replotPending());
  QCOMPARE(PlotExport::savePng(loss.plot(), out + "/loss_long_logy_robust.png"), QString());
  // The vector path of the band: SVG written, read back and rasterised for a look.
  QCOMPARE(PlotExport::saveSvg(loss.plot(), out + "/loss_long_logy_robust.svg", 1000, 520),
           QString());
  QSvgRenderer svg(out + "/loss_long_logy_robust.svg");
  QVERIFY(svg.isValid());
  QImage fromSvg(1000, 520, QImage::Format_ARGB32);
  fromSvg.fill(Qt::white);
  QPainter painter(&fromSvg);
  svg.render(&painter);
  painter.end();
  QVERIFY(fromSvg.save(out + "/loss_long_logy_robust_from_svg.png"));
  qInfo("artifacts in %s", qPrintable(QDir::toNativeSeparators(out)));
}

QTEST_MAIN(TestPlots)
#include "test_plots.moc"

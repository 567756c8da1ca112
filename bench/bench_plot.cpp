// bench_plot: the window's loss plot with 20 runs x 200,000 noisy training-loss points each, in
// a 1200 x 700 widget: how long the data takes to add, what it costs in memory, and how long a
// replot takes, painted for real. A benchmark, not a test: the machine is noisy.
//   usage: bench_plot [--runs N] [--points N] [--repeats N] [--png FILE] [--json]
// The path is the window's own: CurveStore::add, then LossPlot::replotNow (drawCurves through
// the CurveCache, per-pixel envelope, QCustomPlot's replot), then a synchronous repaint.
// Replots are timed in three cases, each over --repeats replots:
//   full    every series cut again for a new visible span (what a pan or a zoom costs)
//   live    a drain's worth of points appended to one series (the case while training)
//   cached  nothing changed (graphs rebuilt from the cache and painted)
// and QCustomPlot's own replot with immediate refresh, no LossPlot work, for comparison.
// --png saves what was drawn, to see that the figures are for a plot worth looking at.
#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QVBoxLayout>
#include <QWindow>
#include <cmath>
#include <functional>
#include <random>

#include "BenchReport.h"
#include "plots/CurveStore.h"
#include "plots/LossPlot.h"

using namespace twb;
using namespace twb::bench;

namespace {

constexpr int kTargetReplotMs = 16;  // one frame at 60 Hz

int intOption(const QStringList& args, const QString& name, int fallback) {
  const int i = static_cast<int>(args.indexOf(name));
  return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

// One run's training loss: two decays to a floor, multiplicative minibatch noise (lognormal,
// about 12%) and a rare spike (some four a run), as a fine-tuning run logs it every step.
struct RunShape {
  StageInfo where;
  double start = 0;
  double floor = 0;
  std::mt19937_64 rng;
};

QVector<LivePoint> runPoints(RunShape& run, qint64 from, int count) {
  std::normal_distribution<double> noise(0.0, 0.12);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  QVector<LivePoint> points;
  points.reserve(count);
  const QString metric = QStringLiteral("train_loss");
  for (qint64 step = from; step < from + count; ++step) {
    const double t = static_cast<double>(step);
    double loss = run.floor + 0.7 * run.start * std::exp(-t / 3000.0) +
                  0.3 * run.start * std::exp(-t / 60000.0);
    loss *= std::exp(noise(run.rng));
    if (unit(run.rng) < 2e-5) loss *= 2 + 2 * unit(run.rng);
    points.push_back({run.where, {run.where.stageId, step, t / 5000.0, t * 0.05, metric, loss}});
  }
  return points;
}

// 2 arms x 2 targets x seeds: the keys a real experiment's target stage gives.
QVector<RunShape> runShapes(int runs) {
  QVector<RunShape> shapes;
  const QStringList arms = {QStringLiteral("baseline"), QStringLiteral("transfer")};
  const QStringList targets = {QStringLiteral("food"), QStringLiteral("phones")};
  for (int i = 0; i < runs; ++i) {
    const bool transfer = i % 2 == 1;
    const int seed = i / 4 + 1;
    const StageInfo where{QStringLiteral("target"), arms[i % 2], targets[(i / 2) % 2], seed,
                          static_cast<qint64>(i + 1)};
    shapes.push_back({where, transfer ? 1.6 : 2.4, transfer ? 0.22 : 0.3,
                      std::mt19937_64(static_cast<quint64>(1000 + i))});
  }
  return shapes;
}

// Milliseconds one call of fn takes, `repeats` times.
QVector<double> timeEach(int repeats, const std::function<void(int)>& before,
                         const std::function<void()>& fn) {
  QVector<double> samples;
  for (int i = 0; i < repeats; ++i) {
    if (before) before(i);
    QElapsedTimer clock;
    clock.start();
    fn();
    samples.push_back(clock.nsecsElapsed() / 1e6);
  }
  return samples;
}

void addStats(QJsonObject* out, const QString& name, const QVector<double>& samples) {
  out->insert(name + QStringLiteral("_median_ms"), ms(median(samples)));
  out->insert(name + QStringLiteral("_worst_ms"), ms(worst(samples)));
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const QStringList args = QCoreApplication::arguments();
  const bool json = args.contains(QStringLiteral("--json"));
  const int runs = intOption(args, QStringLiteral("--runs"), 20);
  const int perRun = intOption(args, QStringLiteral("--points"), 200000);
  const int repeats = intOption(args, QStringLiteral("--repeats"), 30);

  CurveStore store;
  QWidget window;
  auto* layout = new QVBoxLayout(&window);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* loss = new LossPlot(&store, &window);
  layout->addWidget(loss);
  window.resize(1200, 700);
  window.show();
  QElapsedTimer waited;
  waited.start();
  while (!(window.windowHandle() && window.windowHandle()->isExposed()) && waited.elapsed() < 5000)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  QCoreApplication::processEvents();
  const double residentBefore = residentMiB();

  // The data, one run at a time (a run's LivePoints alone take some 30 MB: they are freed
  // before the next run is made, so only the store's copy stays).
  QVector<RunShape> shapes = runShapes(runs);
  double addMs = 0;
  for (RunShape& shape : shapes) {
    const QVector<LivePoint> points = runPoints(shape, 0, perRun);
    QElapsedTimer clock;
    clock.start();
    store.add(points);
    addMs += clock.nsecsElapsed() / 1e6;
  }
  QCustomPlot* plot = loss->plot();
  const auto replot = [&] {
    loss->replotNow();
    plot->repaint();
  };
  QElapsedTimer clock;
  clock.start();
  replot();
  const double firstDrawMs = clock.nsecsElapsed() / 1e6;
  // The first layout may have narrowed the axis rect: let the plot settle on its real width.
  for (int i = 0; i < 3; ++i) {
    QCoreApplication::processEvents();
    replot();
  }
  const double residentAfter = residentMiB();
  const int png = static_cast<int>(args.indexOf(QStringLiteral("--png")));
  if (png >= 0 && png + 1 < args.size()) window.grab().save(args[png + 1]);

  const QVector<double> cached = timeEach(repeats, nullptr, replot);
  const QVector<double> qcpOnly =
      timeEach(repeats, nullptr, [&] { plot->replot(QCustomPlot::rpImmediateRefresh); });
  // While training, a drain brings a few points of the running series (a 40 ms drain at some
  // 100 steps/s): one series is prepared again, the others come from the cache.
  qint64 nextStep = perRun;
  const QVector<double> live = timeEach(
      repeats,
      [&](int i) {
        store.add(runPoints(shapes[i % shapes.size()], nextStep, 4));
        if (i % shapes.size() == shapes.size() - 1) nextStep += 4;
      },
      replot);
  // A pan by 1% of the span each time: every series is cut and prepared again.
  const double lower = plot->xAxis->range().lower;
  const double span = plot->xAxis->range().size();
  const QVector<double> full = timeEach(
      repeats,
      [&](int i) {
        const double shift = (i % 2 ? 0.01 : 0.0) * span;
        plot->xAxis->setRange(lower + 0.05 * span + shift, lower + 0.95 * span + shift);
      },
      replot);

  const double storeMiB = store.pointCount() * double(sizeof(SeriesPoint)) / (1024.0 * 1024.0);
  QJsonObject out{{"bench", "window-plot"},
                  {"runs", runs},
                  {"points_per_run", perRun},
                  {"width", window.width()},
                  {"height", window.height()},
                  {"envelope_pixels", loss->envelopePixels()},
                  {"points_drawn", loss->pointsDrawn()},
                  {"repeats", repeats},
                  {"add_ms", ms(addMs)},
                  {"first_draw_ms", ms(firstDrawMs)},
                  {"rss_before_mib", ms(residentBefore)},
                  {"rss_after_mib", ms(residentAfter)},
                  {"rss_added_mib", ms(residentAfter - residentBefore)},
                  {"rss_peak_mib", ms(peakResidentMiB())},
                  {"store_points_mib", ms(storeMiB)},
                  {"target_replot_ms", kTargetReplotMs}};
  addStats(&out, QStringLiteral("replot_full"), full);
  addStats(&out, QStringLiteral("replot_live"), live);
  addStats(&out, QStringLiteral("replot_cached"), cached);
  addStats(&out, QStringLiteral("qcp_replot"), qcpOnly);
  const auto timing = [](const QVector<double>& s) {
    return QStringLiteral("%1 ms (worst %2)").arg(median(s), 0, 'f', 1).arg(worst(s), 0, 'f', 1);
  };
  const QString size = QStringLiteral("%1 runs x %2 points, %3x%4")
                           .arg(runs)
                           .arg(perRun)
                           .arg(window.width())
                           .arg(window.height());
  const QString target = QStringLiteral("≤ %1 ms").arg(kTargetReplotMs);
  const auto replotRow = [&](const QString& what, const QVector<double>& s) {
    return figure(
        QStringLiteral("loss plot: replot, %1 (median, %2 replots)").arg(what).arg(repeats),
        timing(s), target, median(s) <= kTargetReplotMs);
  };
  out.insert(QStringLiteral("figures"),
             QJsonArray{
                 replotRow(QStringLiteral("every series prepared again (pan, zoom)"), full),
                 replotRow(QStringLiteral("while training (one series changed)"), live),
                 replotRow(QStringLiteral("nothing changed"), cached),
                 figure(QStringLiteral("loss plot: adding the points (%1)").arg(size),
                        QStringLiteral("%1 ms").arg(addMs, 0, 'f', 0)),
                 figure(QStringLiteral("loss plot: resident memory they add"),
                        QStringLiteral("%1 MiB (the points alone %2 MiB)")
                            .arg(residentAfter - residentBefore, 0, 'f', 0)
                            .arg(storeMiB, 0, 'f', 0)),
             });
  const QString human =
      QStringLiteral(
          "loss plot, %1: replot full %2, live %3, cached %4, QCustomPlot alone %5 (target <= "
          "%6 ms); add %7 ms, first draw %8 ms; memory +%9 MiB (store's points %10 MiB, peak "
          "%11 MiB)")
          .arg(size, timing(full), timing(live), timing(cached), timing(qcpOnly))
          .arg(kTargetReplotMs)
          .arg(addMs, 0, 'f', 0)
          .arg(firstDrawMs, 0, 'f', 0)
          .arg(residentAfter - residentBefore, 0, 'f', 0)
          .arg(storeMiB, 0, 'f', 0)
          .arg(peakResidentMiB(), 0, 'f', 0);
  report(json, out, human);
  return 0;
}

// bench_store: how fast the run store takes metric points (one transaction per batch), the
// figure the training loop's buffering relies on. A benchmark, not a test: the machine is noisy.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

#include "store/RunStore.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QTemporaryDir dir;
  twb::RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
  const qint64 experiment = store.addExperiment(QStringLiteral("bench"), QStringLiteral("x: 1"));
  const qint64 stage = store.addStage(experiment, 0, 1, QStringLiteral("pretrain"));
  QTextStream out(stdout);
  out << "points per call   points/s (best of 3)\n";
  qint64 step = 0;
  for (const int batch : {256, 4096, 200000}) {
    double best = 0;
    for (int round = 0; round < 3; ++round) {
      QVector<twb::MetricPoint> points;
      for (int i = 0; i < batch; ++i, ++step)
        points.append({stage, step, step / 100.0, step * 0.01, QStringLiteral("train_loss"), 0.5});
      QElapsedTimer timer;
      timer.start();
      store.addPoints(points);
      best = std::max(best, batch / std::max(timer.nsecsElapsed() * 1e-9, 1e-9));
    }
    out << QString::number(batch).rightJustified(15) << "   " << QString::number(best, 'f', 0)
        << "\n";
  }
  return 0;
}

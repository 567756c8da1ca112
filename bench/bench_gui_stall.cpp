// bench_gui_stall: how long the window's event loop stalls while an experiment trains. The real
// MainWindow opens a small from-scratch experiment and starts it as the Start action does; a
// 5 ms timer on the GUI thread records how late each tick comes (gap between ticks minus 5 ms)
// until the run has ended and its results have been painted, or --seconds (90) pass. A
// benchmark, not a test: the machine is noisy.
//   usage: bench_gui_stall [--seconds S] [--threads N] [--json]
// --threads is the experiment's train.threads (0, the default: every core, as a user's file
// would leave it). Besides the lateness, it names the slowest event deliveries on the GUI
// thread (receiver, its parent, event type), so a stall points at its cause.
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMetaEnum>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>
#include <ctime>
#include <random>

#include "BenchReport.h"
#include "MainWindow.h"
#include "TrainingWorker.h"
#include "plots/CurveStore.h"

using namespace twb;
using namespace twb::bench;

namespace {

constexpr int kTickMs = 5;
constexpr int kTargetStallMs = 50;

// CPU time the calling thread has used, in ms.
double threadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

int intOption(const QStringList& args, const QString& name, int fallback) {
  const int i = static_cast<int>(args.indexOf(name));
  return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

// Times every outermost event delivery on the GUI thread and keeps the slowest few.
class TimedApplication : public QApplication {
 public:
  using QApplication::QApplication;

  struct Delivery {
    double ms = 0;
    double atSeconds = 0;
    QString what;
  };

  bool notify(QObject* receiver, QEvent* event) override {
    if (depth_ > 0 || !clock_.isValid() || receiver == ignored_)
      return QApplication::notify(receiver, event);
    // Named before the delivery: the receiver may be gone after it (a deferred delete).
    const auto* timer = qobject_cast<const QTimer*>(receiver);
    const Receiver who{receiver->metaObject()->className(),
                       receiver->objectName(),
                       receiver->parent() ? receiver->parent()->metaObject()->className() : nullptr,
                       event->type(),
                       timer ? timer->interval() : -1,
                       timer && timer->isSingleShot()};
    ++depth_;
    const qint64 begin = clock_.nsecsElapsed();
    const bool result = QApplication::notify(receiver, event);
    const double ms = (clock_.nsecsElapsed() - begin) / 1e6;
    --depth_;
    if (slowest_.size() < kKept || ms > slowest_.back().ms) keep({ms, begin / 1e9, name(who)});
    return result;
  }

  void startTiming(const QObject* ignored) {
    ignored_ = ignored;
    clock_.start();
  }
  void stopTiming() { clock_.invalidate(); }
  const QVector<Delivery>& slowest() const { return slowest_; }

 private:
  static constexpr int kKept = 5;

  struct Receiver {
    const char* className;
    QString objectName;
    const char* parentClassName;
    QEvent::Type type;
    int interval;  // of a QTimer (-1: not one)
    bool singleShot;
  };

  // "QTimer(40 ms) <- TrainingWorker: Timer": a timer's parent says whose it is; a member
  // timer has none, but its interval tells (40 ms: the worker's drain, single-shot 50 ms or
  // more: the loss plot's replot).
  static QString name(const Receiver& who) {
    QString what = QString::fromLatin1(who.className);
    if (who.interval >= 0)
      what += QStringLiteral("(%1%2 ms)")
                  .arg(who.singleShot ? QStringLiteral("single-shot ") : QString())
                  .arg(who.interval);
    if (!who.objectName.isEmpty()) what += QLatin1Char('#') + who.objectName;
    if (who.parentClassName)
      what += QStringLiteral(" <- ") + QString::fromLatin1(who.parentClassName);
    const char* key = QMetaEnum::fromType<QEvent::Type>().valueToKey(who.type);
    return what + QStringLiteral(": ") +
           (key ? QString::fromLatin1(key) : QString::number(who.type));
  }

  void keep(const Delivery& delivery) {
    slowest_.push_back(delivery);
    std::sort(slowest_.begin(), slowest_.end(),
              [](const Delivery& a, const Delivery& b) { return a.ms > b.ms; });
    if (slowest_.size() > kKept) slowest_.resize(kKept);
  }

  QElapsedTimer clock_;
  const QObject* ignored_ = nullptr;
  int depth_ = 0;
  QVector<Delivery> slowest_;
};

// Short review sentences with a polarity, built from templates (seeded: the same every run).
QByteArray reviewsTsv(int rows, const QStringList& things, quint64 seed) {
  const QStringList praise = {"superb", "lovely", "great", "excellent", "delightful", "solid"};
  const QStringList blame = {"dreadful", "awful", "poor", "broken", "dull", "terrible"};
  const QStringList openings = {"honestly the", "i think the", "our", "this", "the new"};
  std::mt19937_64 rng(seed);
  const auto any = [&rng](const QStringList& words) {
    return words[static_cast<qsizetype>(rng() % static_cast<quint64>(words.size()))];
  };
  QByteArray out = "sentence\tpolarity\n";
  for (int row = 0; row < rows; ++row) {
    const bool good = rng() % 2 == 0;
    const QString sentence =
        QStringLiteral("%1 %2 was %3 and the %4 felt %5")
            .arg(any(openings), any(things), any(good ? praise : blame), any(things),
                 any(rng() % 4 ? (good ? praise : blame) : praise));
    out += sentence.toUtf8() + (good ? "\tpos\n" : "\tneg\n");
  }
  return out;
}

bool writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  QFile file(dir.filePath(name));
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A tiny BERT pretrained from scratch, an intermediate task, two targets, two seeds: every kind
// of stage, each a few seconds, so stage changes come often and the whole run, its end
// included, takes some 25 s on two idle cores. fp32: on a model this small bf16 autocast runs
// far fewer steps a second, and the point rate is what loads the GUI thread.
QByteArray experimentYaml(int threads) {
  return QStringLiteral(R"(name: gui-stall
model: {arch: bert, size: tiny, layers: 2, hidden: 64, heads: 2, ff: 128, vocab_size: 300}
pretrain: {text: [{path: reviews.tsv, text: sentence}], steps: 200, batch_size: 16}
intermediate: {dataset: {path: reviews.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: cafe.tsv, text: sentence, label: polarity}, task: sentiment, domain: cafe}
  - {dataset: {path: phones.tsv, text: sentence, label: polarity}, task: sentiment, domain: phones}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 24, epochs: 8, threads: %1, precision: fp32}
)")
      .arg(threads)
      .toUtf8();
}

}  // namespace

int main(int argc, char** argv) {
  TimedApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("transfer-workbench-bench"));
  QStandardPaths::setTestModeEnabled(true);  // the user's settings stay untouched
  const QStringList args = QCoreApplication::arguments();
  const bool json = args.contains(QStringLiteral("--json"));
  const int seconds = intOption(args, QStringLiteral("--seconds"), 90);
  const int threads = intOption(args, QStringLiteral("--threads"), 0);

  QTemporaryDir dir;
  qputenv("TWB_DATA_DIR", dir.filePath(QStringLiteral("data")).toUtf8());
  const QStringList products = {"film", "plot", "actor", "score", "ending", "cast"};
  if (!writeFile(dir, QStringLiteral("reviews.tsv"), reviewsTsv(3000, products, 1)) ||
      !writeFile(dir, QStringLiteral("cafe.tsv"),
                 reviewsTsv(400, {"coffee", "waiter", "cake", "table"}, 2)) ||
      !writeFile(dir, QStringLiteral("phones.tsv"),
                 reviewsTsv(400, {"screen", "battery", "camera", "case"}, 3)) ||
      !writeFile(dir, QStringLiteral("gui-stall.yaml"), experimentYaml(threads))) {
    std::fprintf(stderr, "bench_gui_stall: cannot write into %s\n", qPrintable(dir.path()));
    return 1;
  }

  MainWindow window(dir.filePath(QStringLiteral("runs.sqlite")));
  window.resize(1360, 860);
  window.show();
  // The window's first frame is start-up (bench_first_paint), not a stall of a run.
  QElapsedTimer settling;
  settling.start();
  while (settling.elapsed() < 500 || !window.windowHandle() || !window.windowHandle()->isExposed())
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  if (!window.openExperiment(dir.filePath(QStringLiteral("gui-stall.yaml")))) {
    std::fprintf(stderr, "bench_gui_stall: %s\n", qPrintable(window.lastError()));
    return 1;
  }

  QVector<double> late;  // ms each tick came after its due time
  QVector<double> busy;  // ms of CPU the GUI thread used in that time
  QElapsedTimer clock;
  qint64 lastTick = 0;
  double lastCpu = threadCpuMs();
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(kTickMs);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    const double cpu = threadCpuMs();
    late.push_back(std::max(0.0, (now - lastTick) / 1e6 - kTickMs));
    busy.push_back(cpu - lastCpu);
    lastTick = now;
    lastCpu = cpu;
  });
  // A loop of its own: quitting the application would close the window, which stops the run.
  QEventLoop running;
  bool finished = false;
  QString status;
  QObject::connect(&window, &MainWindow::experimentFinished, [&](const ExperimentOutcome& o) {
    finished = true;
    status = o.status;
    QTimer::singleShot(500, &running, &QEventLoop::quit);  // the results' tab painted too
  });
  QTimer::singleShot(seconds * 1000, &running, &QEventLoop::quit);
  int stages = 0;
  QObject::connect(window.worker(), &TrainingWorker::stageStarted, [&stages] { ++stages; });

  app.startTiming(&tick);
  clock.start();
  tick.start();
  window.startExperiment();
  running.exec();
  tick.stop();
  app.stopTiming();
  const double measured = clock.nsecsElapsed() / 1e9;
  const qint64 points = window.curves()->pointCount();
  if (!finished) {
    window.stopExperiment();  // stops within a step; wait for it, then leave
    QEventLoop stopping;
    QObject::connect(&window, &MainWindow::experimentFinished, &stopping, &QEventLoop::quit);
    if (window.worker()->isRunning()) stopping.exec();
  }
  if (!window.lastError().isEmpty()) {
    std::fprintf(stderr, "bench_gui_stall: the run failed: %s\n", qPrintable(window.lastError()));
    return 1;
  }

  int over = 0;
  for (double ms : late) over += ms > kTargetStallMs;
  // Whose stall the longest one was: the GUI thread busy (its CPU time) or waiting for a core.
  const qsizetype longest = std::max_element(late.begin(), late.end()) - late.begin();
  const double longestBusy = late.isEmpty() ? 0 : busy[longest];
  QJsonArray slowest;
  QStringList slowestText;
  for (const auto& d : app.slowest()) {
    slowest.append(QJsonObject{{"ms", ms(d.ms)}, {"at_s", ms(d.atSeconds)}, {"what", d.what}});
    slowestText << QStringLiteral("%1 ms at %2 s: %3")
                       .arg(d.ms, 0, 'f', 1)
                       .arg(d.atSeconds, 0, 'f', 1)
                       .arg(d.what);
  }
  const QJsonArray figures{
      figure(QStringLiteral("GUI thread: longest stall while a run trains (%1 s)")
                 .arg(measured, 0, 'f', 0),
             QStringLiteral("%1 ms (p99 %2 ms)")
                 .arg(worst(late), 0, 'f', 1)
                 .arg(quantile(late, 0.99), 0, 'f', 1),
             QStringLiteral("≤ %1 ms").arg(kTargetStallMs), worst(late) <= kTargetStallMs)};
  const QJsonObject out{{"bench", "window-gui-stall"},
                        {"seconds", ms(measured)},
                        {"run_finished", finished},
                        {"status", finished ? status : QStringLiteral("running")},
                        {"threads", threads},
                        {"points", points},
                        {"stages_started", stages},
                        {"ticks", late.size()},
                        {"stall_max_ms", ms(worst(late))},
                        {"stall_max_gui_cpu_ms", ms(longestBusy)},
                        {"stall_p99_ms", ms(quantile(late, 0.99))},
                        {"stall_median_ms", ms(median(late))},
                        {"gui_busy_max_ms", ms(worst(busy))},
                        {"stalls_over_target", over},
                        {"target_ms", kTargetStallMs},
                        {"slowest_events", slowest},
                        {"figures", figures}};
  const QString human =
      QStringLiteral(
          "GUI stall while training (%1 s, %2 points, %3 stages, threads %4, %5): longest %6 ms "
          "(GUI thread busy %7 ms of it), p99 %8 ms (target <= %9 ms); %10 ticks over the target; "
          "longest busy stretch %11 ms\n  slowest events: %12")
          .arg(measured, 0, 'f', 1)
          .arg(points)
          .arg(stages)
          .arg(threads)
          .arg(finished ? QStringLiteral("run ") + status : QStringLiteral("run still going"))
          .arg(worst(late), 0, 'f', 1)
          .arg(longestBusy, 0, 'f', 1)
          .arg(quantile(late, 0.99), 0, 'f', 1)
          .arg(kTargetStallMs)
          .arg(over)
          .arg(worst(busy), 0, 'f', 1)
          .arg(slowestText.join(QStringLiteral("\n                  ")));
  report(json, out, human);
  return 0;
}

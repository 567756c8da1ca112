// bench_first_paint: how long the window takes from launch to its first painted frame. Starts
// itself again as a child (--child) that does what transfer-workbench's main() does, and times
// it from just before the launch. A benchmark, not a test: the machine is noisy.
//   usage: bench_first_paint [--repeats N] [--json]
// The child runs as a new user would: empty settings, data folder and run store (temporary
// folders), so nothing of this machine's own state is read or changed. Reported, as medians:
//   to main()        loading the program and its libraries (LibTorch among them)
//   to constructed   QApplication, the data folder and the MainWindow built
//   to first paint   the first paint event of a widget in the window
//   to first frame   that first paint pass over (the frame is complete): the figure
#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <chrono>
#include <memory>

#include "BenchReport.h"
#include "MainWindow.h"
#include "common/DataFolders.h"

using namespace twb;
using namespace twb::bench;

namespace {

qint64 monotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Stamps the first paint event that reaches any widget of the window.
class FirstPaint : public QObject {
 public:
  explicit FirstPaint(QWidget* window) : window_(window) {}
  qint64 at = 0;
  std::function<void()> then;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (at == 0 && event->type() == QEvent::Paint && watched->isWidgetType() &&
        static_cast<QWidget*>(watched)->window() == window_) {
      at = monotonicNs();
      // Queued: runs once the paint pass this event belongs to has finished.
      QTimer::singleShot(0, this, [this] { then(); });
    }
    return false;
  }

 private:
  QWidget* window_;
};

// The child: transfer-workbench's main() up to its first frame, then one line of times.
int child(int argc, char** argv, qint64 launchedNs) {
  const qint64 mainNs = monotonicNs();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("transfer-workbench"));
  QApplication::setApplicationDisplayName(QStringLiteral("Transfer Workbench"));
  QApplication::setOrganizationName(QStringLiteral("transfer-workbench"));
  twb::appDataFolder();
  const QString db = qEnvironmentVariable("TWB_BENCH_DB");
  auto window = std::make_unique<MainWindow>(db);
  const qint64 constructedNs = monotonicNs();
  FirstPaint watch(window.get());
  watch.then = [&] {
    const qint64 frameNs = monotonicNs();
    const auto since = [&](qint64 ns) { return QString::number((ns - launchedNs) / 1e6, 'f', 2); };
    std::printf("%s %s %s %s\n", qPrintable(since(mainNs)), qPrintable(since(constructedNs)),
                qPrintable(since(watch.at)), qPrintable(since(frameNs)));
    std::fflush(stdout);
    QCoreApplication::exit(0);
  };
  app.installEventFilter(&watch);
  window->show();
  QTimer::singleShot(20000, [] { QCoreApplication::exit(3); });  // never painted: say so
  return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && qstrcmp(argv[1], "--child") == 0)
    return child(argc, argv, QByteArray(argv[2]).toLongLong());

  QCoreApplication app(argc, argv);
  const QStringList args = QCoreApplication::arguments();
  const bool json = args.contains(QStringLiteral("--json"));
  const int at = static_cast<int>(args.indexOf(QStringLiteral("--repeats")));
  const int repeats = at >= 0 && at + 1 < args.size() ? args[at + 1].toInt() : 5;

  const QStringList phases = {"to_main", "to_constructed", "to_first_paint", "to_first_frame"};
  QVector<QVector<double>> samples(phases.size());
  for (int i = 0; i < repeats; ++i) {
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "TWB_DATA_DIR"})
      env.insert(QString::fromLatin1(name), home.filePath(QString::fromLatin1(name)));
    env.insert(QStringLiteral("TWB_BENCH_DB"), home.filePath(QStringLiteral("runs.sqlite")));
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const qint64 launched = monotonicNs();
    process.start(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("--child"), QString::number(launched)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
      std::fprintf(stderr, "bench_first_paint: the window did not paint (exit %d)\n",
                   process.exitCode());
      return 1;
    }
    const QList<QByteArray> times = process.readAllStandardOutput().trimmed().split(' ');
    for (int p = 0; p < phases.size() && p < times.size(); ++p)
      samples[p].push_back(times[p].toDouble());
  }

  QJsonObject out{{"bench", "startup-first-paint"},
                  {"repeats", repeats},
                  {"platform", qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("default"))}};
  for (int p = 0; p < phases.size(); ++p) {
    out.insert(phases[p] + QStringLiteral("_median_ms"), ms(median(samples[p])));
    out.insert(phases[p] + QStringLiteral("_worst_ms"), ms(worst(samples[p])));
  }
  out.insert(
      QStringLiteral("figures"),
      QJsonArray{figure(QStringLiteral("window: launch to first frame (median of %1)").arg(repeats),
                        QStringLiteral("%1 ms (libraries loaded: %2 ms)")
                            .arg(median(samples[3]), 0, 'f', 0)
                            .arg(median(samples[0]), 0, 'f', 0))});
  report(json, out,
         QStringLiteral("window start-up, median of %1: first frame %2 ms (worst %3): to main() "
                        "%4 ms, window constructed %5 ms, first paint %6 ms")
             .arg(repeats)
             .arg(median(samples[3]), 0, 'f', 0)
             .arg(worst(samples[3]), 0, 'f', 0)
             .arg(median(samples[0]), 0, 'f', 0)
             .arg(median(samples[1]), 0, 'f', 0)
             .arg(median(samples[2]), 0, 'f', 0));
  return 0;
}

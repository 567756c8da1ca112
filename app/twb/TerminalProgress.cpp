#include "TerminalProgress.h"

#include <unistd.h>

#include <QThread>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "Commands.h"

namespace twb::cli {
namespace {

std::atomic<int> signalsSeen{0};
// Set when the engine has seen the stop (it polled isCancelled after a signal): it then stops
// at its next step and marks the experiment interrupted. A phase that polls nothing (reading,
// encoding, a tokenizer's training, a download) is ended by the watchdog instead.
std::atomic<bool> stopSeen{false};
constexpr int kStopGraceMs = 1000;

void say(const char* text, size_t size) {
  const ssize_t written = ::write(STDERR_FILENO, text, size);
  static_cast<void>(written);  // nothing to do about a closed stderr inside a handler
}

extern "C" void onSignal(int) {
  if (signalsSeen.fetch_add(1) >= 1) {
    static const char quit[] = "\ntwb: interrupted again: quitting at once\n";
    say(quit, sizeof quit - 1);
    _exit(kInterrupted);  // what is stored stays; the experiment reads interrupted
  }
  static const char stop[] = "\ntwb: stopping (Ctrl-C again quits at once)\n";
  say(stop, sizeof stop - 1);
}

// Ends the process when a stop was asked for and the engine has not seen it within a second:
// what is stored stays, and an experiment whose process is gone reads interrupted.
void watchForUnseenStop() {
  for (;;) {
    QThread::msleep(100);
    if (signalsSeen.load() == 0 || stopSeen.load()) continue;
    QThread::msleep(kStopGraceMs);
    if (stopSeen.load()) continue;
    static const char quit[] =
        "twb: interrupted; this phase cannot stop on its own, so twb quits now (everything "
        "stored is kept; an experiment reads interrupted and can be resumed)\n";
    say(quit, sizeof quit - 1);
    _exit(kInterrupted);
  }
}

QString formatSeconds(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600)
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

void installCancelHandler() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::thread(watchForUnseenStop).detach();
  });
}

TerminalProgress::TerminalProgress(bool quiet)
    : err_(stderr), quiet_(quiet), tty_(isatty(fileno(stderr)) != 0) {
  sinceDraw_.start();
}

TerminalProgress::~TerminalProgress() { finish(); }

void TerminalProgress::finish() {
  clearLine();
  err_.flush();
}

void TerminalProgress::clearLine() {
  if (onBar_) err_ << (tty_ ? "\r\033[K" : "\n");
  onBar_ = false;
}

void TerminalProgress::stageStarted(const StageInfo& s) {
  stageLabel_ = s.stage;
  if (!s.arm.isEmpty()) stageLabel_ += QLatin1Char(' ') + s.arm;
  if (!s.target.isEmpty()) stageLabel_ += QLatin1Char(' ') + s.target;
  stageLabel_ += QStringLiteral(" seed %1").arg(s.seed);
  if (!tty_ && !quiet_) log(QStringLiteral("stage: ") + stageLabel_);
}

void TerminalProgress::progress(const Progress& p) {
  if (quiet_ || !tty_) return;
  if (sinceDraw_.elapsed() < 100 && p.done < p.total) return;  // at most ten redraws a second
  sinceDraw_.restart();
  const double fraction = p.total > 0 ? static_cast<double>(p.done) / p.total : 0;
  const int width = 24;
  const int filled = static_cast<int>(fraction * width);
  const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
  const QString left = (p.done > 0 && fraction < 1)
                           ? formatSeconds(p.elapsed / p.done * (p.total - p.done))
                           : QStringLiteral("--:--");
  err_ << "\r\033[K[" << bar << "] " << QString::number(fraction * 100, 'f', 0) << "% " << left
       << " left  " << stageLabel_ << "  step " << p.step << "/" << p.stageSteps << "  loss "
       << QString::number(p.lastLoss, 'f', 4);
  err_.flush();
  onBar_ = true;
}

void TerminalProgress::log(const QString& line) {
  clearLine();
  err_ << "twb: " << line << "\n";
  err_.flush();
}

bool TerminalProgress::isCancelled() const {
  const bool stop = signalsSeen.load() > 0;
  if (stop) stopSeen = true;
  return stop;
}

}  // namespace twb::cli

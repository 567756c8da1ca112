#include "experiment/StoreReporter.h"

namespace twb {
namespace {
constexpr int kFlushPoints = 256;  // points buffered before a write
constexpr int kFlushMillis = 500;  // or this long since the last write
}  // namespace

StoreReporter::StoreReporter(RunStore& store, TaskState& state, ProgressTotals& totals,
                             StageInfo where)
    : store_(store), state_(state), totals_(totals), where_(std::move(where)) {
  stageClock_.start();
  sinceFlush_.start();
  state_.stageStarted(where_);
}

StoreReporter::~StoreReporter() {
  try {
    flush();
  } catch (...) {
    // A destructor must not throw; the error that unwound us is the one to report.
  }
}

void StoreReporter::point(const QString& name, long step, double epoch, double value) {
  MetricPoint p;
  p.stageId = where_.stageId;
  p.step = step;
  p.epoch = epoch;
  p.wallTime = stageClock_.elapsed() / 1000.0;
  p.name = name;
  p.value = value;
  buffer_.push_back(p);
  state_.metric(where_, p);
  if (buffer_.size() >= kFlushPoints || sinceFlush_.elapsed() >= kFlushMillis) flush();
}

void StoreReporter::step(long step, long stageSteps, double loss) {
  ++totals_.done;
  Progress p;
  p.where = where_;
  p.step = step;
  p.stageSteps = stageSteps;
  p.done = totals_.done;
  p.total = totals_.total;
  p.elapsed = totals_.clock.elapsed() / 1000.0;
  p.lastLoss = loss;
  state_.progress(p);
  if (state_.isCancelled()) {
    flush();
    throw Cancelled{};
  }
}

void StoreReporter::log(const QString& line) { state_.log(line); }

void StoreReporter::flush() {
  if (buffer_.isEmpty()) return;
  store_.addPoints(buffer_);
  buffer_.clear();
  sinceFlush_.restart();
}

}  // namespace twb

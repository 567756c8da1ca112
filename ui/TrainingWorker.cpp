#include "TrainingWorker.h"

#include <QThread>
#include <optional>

#include "common/InputError.h"
#include "common/Vocabulary.h"

namespace twb {

// The TaskState the engine sees: called on the worker thread, buffered for the GUI thread.
class TrainingWorker::State : public TaskState {
 public:
  void stageStarted(const StageInfo& stage) override {
    QMutexLocker lock(&mutex);
    stages.push_back(stage);
  }
  void progress(const Progress& p) override {
    QMutexLocker lock(&mutex);
    lastProgress = p;
  }
  void metric(const StageInfo& stage, const MetricPoint& point) override {
    QMutexLocker lock(&mutex);
    points.push_back({stage, point});
  }
  void log(const QString& line) override {
    QMutexLocker lock(&mutex);
    lines.push_back(line);
  }
  bool isCancelled() const override { return cancelled.load(); }

  QMutex mutex;
  QVector<StageInfo> stages;
  std::optional<Progress> lastProgress;
  QVector<LivePoint> points;
  QStringList lines;
  std::atomic<bool> cancelled{false};
  // Written by the worker thread before it ends, read after QThread::finished.
  ExperimentOutcome outcome;
  std::optional<InputError> rejection;
};

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<StageInfo>();
  qRegisterMetaType<Progress>();
  qRegisterMetaType<LivePoint>();
  qRegisterMetaType<QVector<LivePoint>>();
  qRegisterMetaType<ExperimentOutcome>();
  drainTimer_.setInterval(40);
  connect(&drainTimer_, &QTimer::timeout, this, &TrainingWorker::drain);
}

TrainingWorker::~TrainingWorker() {
  if (thread_) {
    state_->cancelled = true;
    thread_->wait();
    delete thread_;
  }
}

bool TrainingWorker::isRunning() const { return thread_ != nullptr; }

void TrainingWorker::start(const ExperimentSpec& spec, const RunOptions& options) {
  if (thread_) return;
  state_ = std::make_unique<State>();
  State* state = state_.get();
  thread_ = QThread::create([spec, options, state] {
    try {
      state->outcome = Engine::run(spec, options, *state);
    } catch (const InputError& e) {
      state->rejection = e;
    } catch (const std::exception& e) {
      state->outcome.status = vocab::name(vocab::RunStatus::Failed);
      state->outcome.error = QString::fromUtf8(e.what());
    } catch (...) {  // nothing may leave a thread: it would end the program
      state->outcome.status = vocab::name(vocab::RunStatus::Failed);
      state->outcome.error = QStringLiteral("the run failed with an unknown error");
    }
  });
  thread_->setObjectName(QStringLiteral("training"));
  connect(thread_, &QThread::finished, this, &TrainingWorker::onThreadFinished);
  thread_->start(QThread::LowPriority);  // the GUI thread keeps its core responsive
  drainTimer_.start();
  Q_EMIT started();
}

void TrainingWorker::cancel() {
  if (state_) state_->cancelled = true;
}

void TrainingWorker::drain() {
  if (!state_) return;
  QVector<StageInfo> stages;
  std::optional<Progress> progress;
  QVector<LivePoint> points;
  QStringList lines;
  {
    QMutexLocker lock(&state_->mutex);
    stages.swap(state_->stages);
    progress.swap(state_->lastProgress);
    points.swap(state_->points);
    lines.swap(state_->lines);
  }
  for (const QString& line : lines) Q_EMIT logLine(line);
  for (const StageInfo& stage : stages) Q_EMIT stageStarted(stage);
  if (!points.isEmpty()) Q_EMIT pointsArrived(points);
  if (progress) Q_EMIT progressed(*progress);
}

void TrainingWorker::onThreadFinished() {
  drainTimer_.stop();
  drain();
  thread_->deleteLater();
  thread_ = nullptr;
  std::unique_ptr<State> state = std::move(state_);
  if (state->rejection) {
    Q_EMIT rejected(state->rejection->message(), state->rejection->file(),
                    state->rejection->line());
    return;
  }
  Q_EMIT finished(state->outcome);
}

}  // namespace twb

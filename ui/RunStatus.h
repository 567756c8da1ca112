// RunStatus: the status bar's run widgets: stage, progress with time left, device.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "common/TaskState.h"

class QLabel;
class QProgressBar;

namespace twb {

class RunStatus : public QWidget {
  Q_OBJECT
 public:
  explicit RunStatus(QWidget* parent = nullptr);

  void setDevice(const QString& device);
  void showProgress(const Progress& progress);
  void showIdle(const QString& message);
  QString timeLeftText() const;  // for tests: what the bar says

 private:
  QLabel* stage_;
  QProgressBar* bar_;
  QLabel* device_;
  qint64 stageId_ = -1;
  qint64 stageFirstStep_ = 0;
  QElapsedTimer stageClock_;  // since the current stage's first report
};

// "1:05" or "1h02m"; "--:--" when there is nothing to estimate from.
QString formatTimeLeft(double elapsedSeconds, qint64 done, qint64 total);

}  // namespace twb

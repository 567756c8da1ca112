#include "RunStatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace twb {

QString formatTimeLeft(double elapsed, qint64 done, qint64 total) {
  if (done <= 0 || total <= done) return QStringLiteral("--:--");
  const long s = static_cast<long>(elapsed / done * (total - done) + 0.5);
  if (s >= 3600)
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

RunStatus::RunStatus(QWidget* parent)
    : QWidget(parent),
      stage_(new QLabel(this)),
      bar_(new QProgressBar(this)),
      device_(new QLabel(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(stage_, 1);
  layout->addWidget(bar_);
  layout->addWidget(device_);
  bar_->setMinimumWidth(260);
  bar_->setRange(0, 1000);
  bar_->setFormat(QStringLiteral("idle"));
  bar_->setValue(0);
  device_->setToolTip(tr("Where training runs: CPU threads, or the GPU's name"));
}

void RunStatus::setDevice(const QString& device) { device_->setText(device); }

void RunStatus::showProgress(const Progress& p) {
  const double fraction = p.total > 0 ? static_cast<double>(p.done) / p.total : 0;
  bar_->setValue(static_cast<int>(fraction * 1000));
  bar_->setFormat(QStringLiteral("%1% · %2 left")
                      .arg(fraction * 100, 0, 'f', 0)
                      .arg(formatTimeLeft(p.elapsed, p.done, p.total)));
  if (p.where.stageId != stageId_) {
    stageId_ = p.where.stageId;
    stageFirstStep_ = p.step;
    stageClock_.start();
  }
  // The stage's own estimate, from its own pace: pretraining steps cost more than fine-tuning.
  const QString stageLeft = formatTimeLeft(stageClock_.elapsed() / 1000.0, p.step - stageFirstStep_,
                                           p.stageSteps - stageFirstStep_);
  QString where = p.where.stage;
  if (!p.where.arm.isEmpty()) where += QLatin1Char(' ') + p.where.arm;
  if (!p.where.target.isEmpty()) where += QLatin1Char(' ') + p.where.target;
  stage_->setText(tr("%1, seed %2: step %3 of %4 (%5 left), loss %6")
                      .arg(where)
                      .arg(p.where.seed)
                      .arg(p.step)
                      .arg(p.stageSteps)
                      .arg(stageLeft)
                      .arg(p.lastLoss, 0, 'f', 4));
}

void RunStatus::showIdle(const QString& message) {
  stage_->setText(message);
  bar_->setFormat(QStringLiteral("idle"));
}

QString RunStatus::timeLeftText() const { return bar_->text(); }

}  // namespace twb

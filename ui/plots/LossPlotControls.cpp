#include "plots/LossPlotControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <cmath>

namespace twb {

namespace {
constexpr int kSliderSteps = 99;  // the slider counts hundredths: 0 .. 0.99
}

LossPlotControls::LossPlotControls(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);

  metric_ = new QComboBox(this);
  metric_->setToolTip(tr("Metric to draw"));
  metric_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  stage_ = new QComboBox(this);
  stage_->setToolTip(tr("Stage to draw"));
  xAxis_ = new QComboBox(this);
  xAxis_->setToolTip(
      tr("What the x axis counts. Relative step lines up stages that start "
         "from different checkpoints."));
  for (XAxisMode m :
       {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime, XAxisMode::RelativeStep}) {
    xAxis_->addItem(xAxisModeName(m), static_cast<int>(m));
  }
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setRange(0, kSliderSteps);
  smoothing_->setMinimumWidth(90);
  smoothing_->setToolTip(
      tr("Exponential smoothing, corrected for start-up bias; the raw "
         "curve stays faint underneath"));
  smoothingValue_ = new QLabel(this);
  smoothingValue_->setMinimumWidth(smoothingValue_->fontMetrics().horizontalAdvance("0.00 "));
  logY_ = new QCheckBox(tr("Log y"), this);
  outliers_ = new QCheckBox(tr("Ignore outliers"), this);
  outliers_->setToolTip(tr("Scale the y axis to the 1st..99th percentile of each series"));

  row->addWidget(metric_);
  row->addWidget(stage_);
  row->addWidget(new QLabel(tr("x:"), this));
  row->addWidget(xAxis_);
  row->addWidget(new QLabel(tr("Smoothing"), this));
  row->addWidget(smoothing_, 1);
  row->addWidget(smoothingValue_);
  row->addWidget(logY_);
  row->addWidget(outliers_);
  setStages({});
  showSmoothing(0);

  connect(metric_, &QComboBox::activated, this,
          [this](int i) { Q_EMIT metricChosen(metric_->itemData(i).toString()); });
  connect(stage_, &QComboBox::activated, this,
          [this](int i) { Q_EMIT stageChosen(stage_->itemData(i).toString()); });
  connect(xAxis_, &QComboBox::activated, this, [this](int i) {
    Q_EMIT xAxisModeChosen(static_cast<XAxisMode>(xAxis_->itemData(i).toInt()));
  });
  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    const double weight = static_cast<double>(v) / 100.0;
    showSmoothing(weight);
    Q_EMIT smoothingChosen(weight);
  });
  connect(logY_, &QCheckBox::toggled, this, &LossPlotControls::logYChosen);
  connect(outliers_, &QCheckBox::toggled, this, &LossPlotControls::ignoreOutliersChosen);
}

void LossPlotControls::fillCombo(QComboBox* combo, const QStringList& texts,
                                 const QStringList& data) {
  const QString current = combo->currentData().toString();
  const QSignalBlocker block(combo);
  combo->clear();
  for (int i = 0; i < texts.size(); ++i) combo->addItem(texts[i], data[i]);
  const int keep = combo->findData(current);
  combo->setCurrentIndex(keep >= 0 ? keep : 0);
}

void LossPlotControls::setMetrics(const QStringList& metrics) {
  fillCombo(metric_, metrics, metrics);
}

void LossPlotControls::setStages(const QStringList& stages) {
  fillCombo(stage_, QStringList{tr("All stages")} + stages, QStringList{QString()} + stages);
}

void LossPlotControls::setMetric(const QString& metric) {
  if (metric.isEmpty()) return;
  const QSignalBlocker block(metric_);
  if (metric_->findData(metric) < 0) metric_->addItem(metric, metric);
  metric_->setCurrentIndex(metric_->findData(metric));
}

void LossPlotControls::setStage(const QString& stage) {
  const QSignalBlocker block(stage_);
  if (stage_->findData(stage) < 0) stage_->addItem(stage, stage);
  stage_->setCurrentIndex(stage_->findData(stage));
}

void LossPlotControls::setXAxisMode(XAxisMode mode) {
  const QSignalBlocker block(xAxis_);
  xAxis_->setCurrentIndex(xAxis_->findData(static_cast<int>(mode)));
}

void LossPlotControls::setSmoothing(double weight) {
  const QSignalBlocker block(smoothing_);
  smoothing_->setValue(static_cast<int>(std::lround(weight * 100.0)));
  showSmoothing(weight);
}

void LossPlotControls::setLogY(bool on) {
  const QSignalBlocker block(logY_);
  logY_->setChecked(on);
}

void LossPlotControls::setIgnoreOutliers(bool on) {
  const QSignalBlocker block(outliers_);
  outliers_->setChecked(on);
}

void LossPlotControls::showSmoothing(double weight) {
  smoothingValue_->setText(QString::number(weight, 'f', 2));
}

}  // namespace twb

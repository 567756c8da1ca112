#include "plots/LossPlot.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "plots/LossPlotControls.h"
#include "plots/PlotNote.h"

namespace twb {

namespace {

// The metric shown until someone picks one: the training loss, else the dev loss.
QString defaultMetric(const QStringList& metrics) {
  for (const char* name : {"train_loss", "dev_loss"}) {
    if (metrics.contains(QLatin1String(name))) return QLatin1String(name);
  }
  return metrics.value(0);
}

QString xAxisLabel(XAxisMode mode) {
  switch (mode) {
    case XAxisMode::Step:
      return QObject::tr("step");
    case XAxisMode::Epoch:
      return QObject::tr("epoch");
    case XAxisMode::WallTime:
      return QObject::tr("wall time since the stage started (h:mm:ss)");
    case XAxisMode::RelativeStep:
      return QObject::tr("step since the stage's first point");
  }
  return {};
}

}  // namespace

LossPlot::LossPlot(CurveStore* store, QWidget* parent) : QWidget(parent), store_(store) {
  controls_ = new LossPlotControls(this);
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(320, 200);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setNoAntialiasingOnDrag(true);  // dozens of curves still pan smoothly
  plot_->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  plot_->legend->setVisible(true);
  plot_->legend->setBrush(QColor(255, 255, 255, 220));
  QFont legendFont = font();
  legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
  plot_->legend->setFont(legendFont);
  plot_->setToolTip(tr("Wheel: zoom. Drag: pan. Double click: follow the data again."));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(controls_);
  layout->addWidget(plot_, 1);

  options_.smoothing = 0.6;  // TensorBoard's default
  controls_->setSmoothing(options_.smoothing);
  controls_->setXAxisMode(options_.xMode);

  replotTimer_.setSingleShot(true);
  replotTimer_.setInterval(kReplotIntervalMs);
  connect(&replotTimer_, &QTimer::timeout, this, &LossPlot::replotNow);

  connect(controls_, &LossPlotControls::metricChosen, this, &LossPlot::setMetric);
  connect(controls_, &LossPlotControls::stageChosen, this, &LossPlot::setStage);
  connect(controls_, &LossPlotControls::xAxisModeChosen, this, &LossPlot::setXAxisMode);
  connect(controls_, &LossPlotControls::smoothingChosen, this, &LossPlot::setSmoothing);
  connect(controls_, &LossPlotControls::logYChosen, this, &LossPlot::setLogY);
  connect(controls_, &LossPlotControls::ignoreOutliersChosen, this, &LossPlot::setIgnoreOutliers);

  // A range that changes outside a redraw is the user zooming or panning: stop following the
  // data and redraw the envelope for the span shown.
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
      if (drawing_) return;
      following_ = false;
      scheduleReplot();
    });
  }
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, &LossPlot::followData);

  if (store_) connect(store_, &CurveStore::changed, this, &LossPlot::onStoreChanged);
  onStoreChanged();
}

void LossPlot::setSmoothing(double weight) {
  options_.smoothing = std::clamp(weight, 0.0, 0.99);
  controls_->setSmoothing(options_.smoothing);
  scheduleReplot();
}

void LossPlot::setLogY(bool on) {
  options_.logY = on;
  controls_->setLogY(on);
  following_ = true;  // a new scale needs a new range
  scheduleReplot();
}

void LossPlot::setXAxisMode(XAxisMode mode) {
  options_.xMode = mode;
  controls_->setXAxisMode(mode);
  following_ = true;
  scheduleReplot();
}

void LossPlot::setMetric(const QString& metric) {
  options_.metric = metric;
  metricChosen_ = true;
  controls_->setMetric(metric);
  following_ = true;
  scheduleReplot();
}

void LossPlot::setStage(const QString& stage) {
  options_.stage = stage;
  controls_->setStage(stage);
  following_ = true;
  scheduleReplot();
}

void LossPlot::setIgnoreOutliers(bool on) {
  options_.ignoreOutliers = on;
  controls_->setIgnoreOutliers(on);
  following_ = true;
  scheduleReplot();
}

int LossPlot::graphCount() const { return plot_->graphCount(); }

void LossPlot::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  scheduleReplot();
}

void LossPlot::scheduleReplot() {
  // Already pending: this change rides along with it.
  if (!replotTimer_.isActive()) replotTimer_.start();
}

void LossPlot::onStoreChanged() {
  syncChoices();
  scheduleReplot();
}

void LossPlot::syncChoices() {
  const QStringList metrics = store_ ? store_->metrics() : QStringList();
  const QStringList stages = store_ ? store_->stages() : QStringList();
  if (metrics != shownMetrics_) {
    shownMetrics_ = metrics;
    controls_->setMetrics(metrics);
    if (!metricChosen_ && !metrics.contains(options_.metric)) {
      options_.metric = defaultMetric(metrics);
    }
    controls_->setMetric(options_.metric);
  }
  if (stages != shownStages_) {
    shownStages_ = stages;
    controls_->setStages(stages);
    controls_->setStage(options_.stage);
  }
}

void LossPlot::followData() {
  following_ = true;
  scheduleReplot();
}

void LossPlot::replotNow() {
  replotTimer_.stop();
  drawing_ = true;
  // The envelope needs the plot's width in pixels; before the first layout, a fair guess.
  const int width = plot_->axisRect()->width();
  options_.pixels = width >= 50 ? width : 800;
  options_.clipX = !following_;
  options_.xLower = plot_->xAxis->range().lower;
  options_.xUpper = plot_->xAxis->range().upper;
  QElapsedTimer clock;
  clock.start();
  if (store_) {
    drawn_ = drawCurves(plot_, *store_, options_, &cache_);
  } else {
    plot_->clearPlottables();
    plot_->clearItems();
    drawn_ = {};
  }
  applyAxes();
  if (drawn_.series == 0) showEmptyNote();
  plot_->legend->setVisible(drawn_.series > 0);  // an empty legend is a stray box
  plot_->replot();
  ++replotCount_;
  drawing_ = false;
  // A slow machine (or training on every core) slows the replots down, never the other way:
  // drawing gets at most about a third of the GUI thread.
  replotTimer_.setInterval(
      std::clamp(static_cast<int>(2 * clock.elapsed()), kReplotIntervalMs, kMaxReplotIntervalMs));
  // The first layout with data can narrow the axes a lot (the guess was wrong, or tick labels
  // grew): draw once more for the real width. Small changes are not worth a replot.
  const int laidOut = plot_->axisRect()->width();
  if (laidOut >= 50 && laidOut < 0.9 * options_.pixels) scheduleReplot();
}

void LossPlot::applyAxes() {
  QCPAxis* x = plot_->xAxis;
  QCPAxis* y = plot_->yAxis;
  x->setLabel(xAxisLabel(options_.xMode));
  y->setLabel(options_.metric);
  if (options_.xMode == XAxisMode::WallTime) {
    auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
    ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
    x->setTicker(ticker);
  } else {
    x->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  if (options_.logY) {
    y->setScaleType(QCPAxis::stLogarithmic);
    y->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    y->setNumberFormat(QStringLiteral("g"));
  } else {
    y->setScaleType(QCPAxis::stLinear);
    y->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  // Losses fall, so their upper right is empty; scores rise, so their lower right is.
  plot_->axisRect()->insetLayout()->setInsetAlignment(
      0, Qt::AlignRight | (higherIsBetter(options_.metric) ? Qt::AlignBottom : Qt::AlignTop));
  if (!following_) return;
  if (drawn_.xRange.valid) {
    double lower = drawn_.xRange.lower;
    double upper = drawn_.xRange.upper;
    if (upper - lower < 1e-9) {
      lower -= 1;
      upper += 1;
    }
    x->setRange(lower, upper);
  }
  if (drawn_.yRange.valid) y->setRange(withLabelRoom(drawn_.yRange));
}

QCPRange LossPlot::withLabelRoom(const YRange& range) const {
  // "best" labels sit above maxima and below minima: make room on that side, in pixels.
  const int height = plot_->axisRect()->height();
  const double fraction = std::min(drawn_.labelPixels / (height >= 50 ? height : 400), 0.4);
  if (fraction <= 0) return QCPRange(range.lower, range.upper);
  const bool above = higherIsBetter(options_.metric);
  // Work in decades on a log axis, where pixels are even per decade.
  const bool log = options_.logY && range.lower > 0;
  double lower = log ? std::log10(range.lower) : range.lower;
  double upper = log ? std::log10(range.upper) : range.upper;
  const double extra = (upper - lower) * fraction / (1 - fraction);
  if (above) {
    upper += extra;
  } else {
    lower -= extra;
  }
  return log ? QCPRange(std::pow(10.0, lower), std::pow(10.0, upper)) : QCPRange(lower, upper);
}

void LossPlot::showEmptyNote() {
  addCentredNote(plot_, options_.metric.isEmpty()
                            ? tr("No points yet: curves appear here while an experiment trains.")
                            : tr("No %1 points for this stage yet.").arg(options_.metric));
}

}  // namespace twb

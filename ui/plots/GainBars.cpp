#include "plots/GainBars.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "plots/PlotNote.h"
#include "plots/SeriesStyle.h"

namespace twb {

namespace {

constexpr double kOffset = 0.2;     // each bar's distance from its target's tick
constexpr int kMaxUpright = 10;     // beyond this many targets, labels turn sideways
constexpr double kBarWidth = 0.38;  // in target units: a small gap inside a pair

struct BarSet {
  QVector<double> keys;
  QVector<double> values;
  QVector<double> errors;
  void add(double key, const MeanSd& score) {
    keys << key;
    values << score.mean;
    errors << (std::isfinite(score.sd) ? score.sd : 0.0);
  }
};

QCPBars* addBars(QCustomPlot* plot, const BarSet& set, const QString& name, const QPen& pen,
                 const QBrush& brush, bool errorBars) {
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setName(name);
  bars->setWidth(kBarWidth);
  bars->setPen(pen);
  bars->setBrush(brush);
  bars->setData(set.keys, set.values, true);
  if (errorBars && !set.keys.isEmpty()) {
    auto* errors = new QCPErrorBars(plot->xAxis, plot->yAxis);
    errors->removeFromLegend();
    errors->setDataPlottable(bars);
    errors->setData(set.errors);
    errors->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.2));
    errors->setWhiskerWidth(8);
  }
  return bars;
}

}  // namespace

QString GainBars::formatDelta(double delta) {
  if (!std::isfinite(delta)) return QStringLiteral("n/a");
  return QString::asprintf("%+.3f", delta);
}

GainBars::GainBars(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(320, 200);
  plot_->legend->setVisible(true);
  plot_->legend->setBrush(QColor(255, 255, 255, 220));
  // The legend gets its own row under the axes, so it never covers a bar or a label.
  plot_->axisRect()->insetLayout()->take(plot_->legend);
  plot_->plotLayout()->addElement(1, 0, plot_->legend);
  plot_->plotLayout()->setRowStretchFactor(1, 0.001);
  plot_->plotLayout()->setRowSpacing(0);
  plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot_->legend->setBorderPen(Qt::NoPen);
  plot_->xAxis->grid()->setVisible(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  setGains({});
}

void GainBars::setGains(const QVector<TargetGain>& gains) {
  plot_->clearPlottables();
  plot_->clearItems();
  deltaLabels_.clear();
  negativeTargets_.clear();

  BarSet baseline, transfer, negative;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double lowest = 0;
  double highest = 0;
  QStringList metrics;
  for (int i = 0; i < gains.size(); ++i) {
    const TargetGain& g = gains[i];
    const double key = i + 1;
    baseline.add(key - kOffset, g.baseline);
    (g.negativeTransfer ? negative : transfer).add(key + kOffset, g.transfer);
    if (g.negativeTransfer) negativeTargets_ << g.target;
    const int seeds = std::max(g.baseline.n, g.transfer.n);
    const bool upright = gains.size() <= kMaxUpright;
    ticker->addTick(key, seeds > 0 && upright
                             ? QStringLiteral("%1\nn = %2").arg(g.target).arg(seeds)
                             : g.target);
    if (!metrics.contains(g.metric)) metrics << g.metric;
    for (const MeanSd& s : {g.baseline, g.transfer}) {
      if (!std::isfinite(s.mean)) continue;
      lowest = std::min(lowest, s.mean - s.sd);
      highest = std::max(highest, s.mean + s.sd);
    }
  }

  const QColor base = palette::kBlue;
  const QColor gain = palette::kOrange;
  const QColor loss = palette::kVermillion;
  addBars(plot_, baseline, tr("baseline (pretrained → target)"), QPen(base.darker(120)), base,
          true);
  addBars(plot_, transfer, tr("transfer (→ intermediate → target)"), QPen(gain.darker(130)), gain,
          true);
  if (!negative.keys.isEmpty()) {
    // A light fill under a hatch: the negative bar differs in pattern as well as in colour.
    QColor light = loss;
    light.setAlpha(70);
    addBars(plot_, negative, QString(), Qt::NoPen, light, false)->removeFromLegend();
    addBars(plot_, negative, tr("transfer, negative transfer"), QPen(loss, 1.5),
            QBrush(loss, Qt::BDiagPattern), true);
  }

  // Many targets (a sweep over languages): labels turn sideways and get smaller so they
  // stay legible, and the ticks drop their "n = seeds" line.
  const bool crowded = gains.size() > kMaxUpright;
  plot_->xAxis->setTickLabelRotation(crowded ? 90 : 0);
  const double span = std::max(highest - lowest, 1e-6);
  for (int i = 0; i < gains.size(); ++i) {
    const TargetGain& g = gains[i];
    double top = 0;
    for (const MeanSd& s : {g.baseline, g.transfer}) {
      if (std::isfinite(s.mean)) top = std::max(top, s.mean + s.sd);
    }
    const QString delta = formatDelta(g.delta.mean);
    deltaLabels_ << delta;
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(i + 1, top + 0.02 * span);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setTextAlignment(Qt::AlignCenter);
    QFont f = font();
    f.setBold(true);
    if (crowded) {
      f.setPointSizeF(f.pointSizeF() * 0.8);
      label->setRotation(-90);
      label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    }
    label->setFont(f);
    if (g.negativeTransfer) {
      label->setText(crowded ? QStringLiteral("%1 ▼").arg(delta)
                             : QStringLiteral("Δ %1\n▼ negative").arg(delta));
      label->setColor(loss.darker(120));
    } else {
      label->setText(crowded ? delta : QStringLiteral("Δ %1").arg(delta));
      label->setColor(QColor(0x20, 0x20, 0x20));
    }
  }

  plot_->xAxis->setTicker(ticker);
  plot_->xAxis->setRange(0.4, gains.size() + 0.6);
  plot_->yAxis->setLabel(metrics.size() == 1 ? tr("test %1").arg(metrics.front())
                                             : tr("test score"));
  // Room above the tallest bar for two lines of label (or a sideways one).
  plot_->yAxis->setRange(lowest < 0 ? lowest - 0.05 * span : 0,
                         highest + (crowded ? 0.35 : 0.22) * span);
  plot_->legend->setVisible(!gains.isEmpty());
  if (gains.isEmpty()) {
    plot_->yAxis->setRange(0, 1);
    addCentredNote(plot_, tr("No gains yet: they appear when both arms of a target finish."));
  }
  plot_->replot();
}

}  // namespace twb

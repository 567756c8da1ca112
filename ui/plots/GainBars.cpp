#include "plots/GainBars.h"

#include <qcustomplot.h>

#include <QHelpEvent>
#include <QToolTip>
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

// Error bars are the 95% interval over seeds (asymmetric in general); none with one seed.
struct BarSet {
  QVector<double> keys;
  QVector<double> values;
  QVector<double> below;
  QVector<double> above;
  void add(double key, const MeanSd& score) {
    keys << key;
    values << score.mean;
    below << (score.ci95.valid() ? score.mean - score.ci95.low : 0.0);
    above << (score.ci95.valid() ? score.ci95.high - score.mean : 0.0);
  }
};

// The top of a bar with its error bar.
double topOf(const MeanSd& s) {
  if (!std::isfinite(s.mean)) return 0;
  return s.ci95.valid() ? std::max(s.mean, s.ci95.high) : s.mean;
}

double bottomOf(const MeanSd& s) {
  if (!std::isfinite(s.mean)) return 0;
  return s.ci95.valid() ? std::min(s.mean, s.ci95.low) : s.mean;
}

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
    errors->setData(set.below, set.above);
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

QString GainBars::tooltipOf(const TargetGain& g) {
  auto num = [](double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("-");
  };
  auto ci = [&](const stats::Interval& i) {
    return i.valid() ? QStringLiteral("[%1, %2]").arg(num(i.low), num(i.high))
                     : tr("(no interval)");
  };
  QStringList lines;
  lines << QStringLiteral("<b>%1</b> (%2)").arg(g.target.toHtmlEscaped(), g.metric);
  lines << tr("baseline %1 %2, transfer %3 %4 (95% CI; n = %5 paired seeds)")
               .arg(num(g.baseline.mean), ci(g.baseline.ci95), num(g.transfer.mean),
                    ci(g.transfer.ci95))
               .arg(g.delta.n);
  if (g.missingSeeds > 0)
    lines << tr("%1 of %2 seeds missing an arm (failed, stopped or still running)")
                 .arg(g.missingSeeds)
                 .arg(g.seeds);
  if (g.undefinedSeeds > 0)
    lines << tr("%1 of %2 seeds with an undefined score (e.g. constant predictions)")
                 .arg(g.undefinedSeeds)
                 .arg(g.seeds);
  lines << tr("Δ %1, 95% CI over seeds %2, p = %3 (paired t)")
               .arg(formatDelta(g.delta.mean), ci(g.delta.ci95), num(g.p));
  if (g.testExamples > 0)
    lines << tr("95% CI over the test examples (%1 per seed, %2 seed(s) pooled) %3, "
                "permutation p = %4")
                 .arg(g.testExamples)
                 .arg(g.delta.n)
                 .arg(ci(g.ci95Examples), num(g.pExamples));
  lines << tr("verdict: %1%2%3")
               .arg(verdictName(g.verdict),
                    std::isfinite(g.pAdjusted)
                        ? tr(", Holm-adjusted p = %1 (over %2)").arg(num(g.pAdjusted), g.basis)
                        : QString(),
                    g.reason.isEmpty() || g.verdict != Verdict::Inconclusive ||
                            g.reason.startsWith(QLatin1String("Holm"))
                        ? QString()
                        : QStringLiteral(" (%1)").arg(g.reason));
  if (std::isfinite(g.detectableDelta)) {
    const int needed = seedsFor(g, 0.02);
    lines << tr("power: %1 seeds detect |Δ| ≥ %2 (80%); |Δ| = 0.02 needs %3")
                 .arg(g.delta.n)
                 .arg(g.detectableDelta > 1 ? tr("1 (none)") : num(g.detectableDelta))
                 .arg(needed > 0 ? tr("%1 seeds").arg(needed) : tr("over 1000 seeds"));
  }
  if (std::isfinite(g.chance))
    lines << tr("chance %1%2")
                 .arg(num(g.chance), g.atChance() ? tr(": neither arm beats it") : QString());
  return lines.join(QStringLiteral("<br>"));
}

bool GainBars::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_ && event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index =
        static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(help->pos().x()))) - 1;
    if (index >= 0 && index < tooltips_.size())
      QToolTip::showText(help->globalPos(), tooltips_[index], plot_);
    else
      QToolTip::hideText();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

GainBars::GainBars(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->installEventFilter(this);
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
  // The experiment's name on top, in a row of its own.
  plot_->plotLayout()->insertRow(0);
  title_ = new QCPTextElement(plot_, QString());
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->plotLayout()->setRowStretchFactor(0, 0.001);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  setGains({});
}

void GainBars::setTitle(const QString& title) {
  title_->setText(title);
  plot_->replot();
}

QString GainBars::title() const { return title_->text(); }

void GainBars::setGains(const QVector<TargetGain>& gains) {
  plot_->clearPlottables();
  plot_->clearItems();
  deltaLabels_.clear();
  negativeTargets_.clear();
  tooltips_.clear();

  BarSet baseline, transfer, negative;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  double lowest = 0;
  double highest = 0;
  QStringList metrics;
  for (int i = 0; i < gains.size(); ++i) {
    const TargetGain& g = gains[i];
    const double key = i + 1;
    baseline.add(key - kOffset, g.baseline);
    const bool negativeTransfer = g.verdict == Verdict::Negative;
    (negativeTransfer ? negative : transfer).add(key + kOffset, g.transfer);
    if (negativeTransfer) negativeTargets_ << g.target;
    tooltips_ << tooltipOf(g);
    const int seeds = g.delta.n;
    const bool upright = gains.size() <= kMaxUpright;
    ticker->addTick(key, seeds > 0 && upright
                             ? QStringLiteral("%1\nn = %2").arg(g.target).arg(seeds)
                             : g.target);
    if (!metrics.contains(g.metric)) metrics << g.metric;
    for (const MeanSd& s : {g.baseline, g.transfer}) {
      lowest = std::min(lowest, bottomOf(s));
      highest = std::max(highest, topOf(s));
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
    addBars(plot_, negative, tr("transfer, negative transfer (Holm p < 0.05)"), QPen(loss, 1.5),
            QBrush(loss, Qt::BDiagPattern), true);
  }

  // Many targets (a sweep over languages): labels turn sideways and get smaller so they
  // stay legible, and the ticks drop their "n = seeds" line.
  const bool crowded = gains.size() > kMaxUpright;
  plot_->xAxis->setTickLabelRotation(crowded ? 90 : 0);
  const double span = std::max(highest - lowest, 1e-6);
  for (int i = 0; i < gains.size(); ++i) {
    const TargetGain& g = gains[i];
    const double top = std::max({0.0, topOf(g.baseline), topOf(g.transfer)});
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
    QString text = crowded ? delta : QStringLiteral("Δ %1").arg(delta);
    if (!crowded && g.delta.ci95.valid())
      text += QStringLiteral("\n[%1, %2]")
                  .arg(formatDelta(g.delta.ci95.low), formatDelta(g.delta.ci95.high));
    if (g.verdict == Verdict::Negative) {
      text += crowded ? QStringLiteral(" ▼") : QStringLiteral("\n▼ negative");
      label->setColor(loss.darker(120));
    } else {
      if (g.verdict == Verdict::Positive)
        text += crowded ? QStringLiteral(" ▲") : QStringLiteral("\n▲ positive");
      label->setColor(QColor(0x20, 0x20, 0x20));
    }
    if (g.atChance()) text += crowded ? QStringLiteral(" ~") : QStringLiteral("\n~ at chance");
    label->setText(text);
  }

  plot_->xAxis->setTicker(ticker);
  plot_->xAxis->setRange(0.4, gains.size() + 0.6);
  plot_->yAxis->setLabel(metrics.size() == 1 ? tr("test %1").arg(metrics.front())
                                             : tr("test score"));
  // Room above the tallest bar for two lines of label (or a sideways one).
  plot_->yAxis->setRange(lowest < 0 ? lowest - 0.05 * span : 0,
                         highest + (crowded ? 0.35 : 0.22) * span);
  plot_->legend->setVisible(!gains.isEmpty());
  // Say what the whiskers are: a reader cannot tell a CI from an sd by looking.
  auto* whiskers = new QCPItemText(plot_);
  whiskers->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  whiskers->position->setType(QCPItemPosition::ptAxisRectRatio);
  whiskers->position->setCoords(0.005, 0.005);
  whiskers->setText(tr("error bars: 95% CI over seeds (t); n = paired seeds"));
  whiskers->setColor(QColor(0x50, 0x50, 0x50));
  whiskers->setVisible(!gains.isEmpty());
  if (gains.isEmpty()) {
    plot_->yAxis->setRange(0, 1);
    addCentredNote(plot_, tr("No gains yet: they appear when both arms of a target finish."));
  }
  plot_->replot();
}

}  // namespace twb

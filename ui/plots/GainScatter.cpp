#include "plots/GainScatter.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "plots/PlotNote.h"
#include "plots/SeriesStyle.h"

namespace twb {

GainScatter::GainScatter(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(320, 200);
  plot_->legend->setBrush(QColor(255, 255, 255, 220));
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setAxisLabels(tr("distance (en, language)"), tr("Δ (transfer − baseline)"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  setPoints({});
}

void GainScatter::setAxisLabels(const QString& xLabel, const QString& yLabel) {
  plot_->xAxis->setLabel(xLabel);
  plot_->yAxis->setLabel(yLabel);
}

void GainScatter::setPoints(const QVector<ScatterPoint>& unsorted) {
  // Graph data is kept sorted by x: sort the points first so each error bar stays with its
  // own point (the error bars are matched to the graph's data by position).
  QVector<ScatterPoint> points = unsorted;
  std::stable_sort(points.begin(), points.end(),
                   [](const ScatterPoint& a, const ScatterPoint& b) { return a.x < b.x; });
  plot_->clearPlottables();  // graphs and their error bars
  plot_->clearItems();
  QVector<double> xs, ys, below, above;
  double lowest = std::numeric_limits<double>::infinity();
  double highest = -lowest;
  bool anyChance = false;
  for (const ScatterPoint& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    xs << p.x;
    ys << p.y;
    const bool ci = std::isfinite(p.low) && std::isfinite(p.high);
    below << (ci ? p.y - p.low : 0.0);
    above << (ci ? p.high - p.y : 0.0);
    lowest = std::min(lowest, ci ? std::min(p.low, p.y) : p.y);
    highest = std::max(highest, ci ? std::max(p.high, p.y) : p.y);
    anyChance = anyChance || p.atChance;
  }
  fit_ = fitLine(xs, ys);
  fitLabel_.clear();

  if (xs.isEmpty()) {
    plot_->legend->setVisible(false);
    plot_->xAxis->setRange(0, 1);
    plot_->yAxis->setRange(-1, 1);
    addCentredNote(plot_,
                   tr("Language distances arrive with the cross-lingual study (language table)"));
    plot_->replot();
    return;
  }

  QCPGraph* dots = plot_->addGraph();
  dots->setName(tr("languages"));
  dots->setLineStyle(QCPGraph::lsNone);
  dots->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssDisc, palette::kBlue.darker(110), palette::kBlue, 8));
  dots->setData(xs, ys, /*alreadySorted=*/true);
  auto* errors = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
  errors->setName(tr("95% CI of Δ over seeds"));
  errors->setDataPlottable(dots);
  errors->setData(below, above);
  errors->setPen(QPen(palette::kBlue.darker(130), 1));
  errors->setWhiskerWidth(6);
  if (anyChance) {
    // Hollow markers over the discs of the languages that do not beat chance.
    QVector<double> cx, cy;
    for (const ScatterPoint& p : points)
      if (p.atChance && std::isfinite(p.x) && std::isfinite(p.y)) {
        cx << p.x;
        cy << p.y;
      }
    QCPGraph* chance = plot_->addGraph();
    chance->setName(tr("at chance (neither arm beats it)"));
    chance->setLineStyle(QCPGraph::lsNone);
    chance->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(palette::kBlue.darker(150), 1.5), QBrush(Qt::white), 8));
    chance->setData(cx, cy);
  }
  for (const ScatterPoint& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.label.isEmpty()) continue;
    auto* text = new QCPItemText(plot_);
    text->position->setCoords(p.x, p.y);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    text->setPadding(QMargins(6, 0, 0, 2));  // off the dot, up and to the right
    text->setText(p.label);
    text->setColor(QColor(0x30, 0x30, 0x30));
  }

  const auto [minX, maxX] = std::minmax_element(xs.cbegin(), xs.cend());
  const double* minY = &lowest;
  const double* maxY = &highest;
  const QString n = QString::number(fit_.n);
  if (fit_.valid) {
    const QString r = std::isfinite(fit_.r) ? QString::number(fit_.r, 'f', 2) : tr("undefined");
    fitLabel_ = correlationLabel_.isEmpty() ? tr("least squares: r = %1, n = %2").arg(r, n)
                                            : correlationLabel_;
    QCPGraph* line = plot_->addGraph();
    line->setName(fitLabel_);
    line->setPen(QPen(palette::kVermillion, 2));
    line->setData({*minX, *maxX},
                  {fit_.intercept + fit_.slope * *minX, fit_.intercept + fit_.slope * *maxX});
  } else {
    fitLabel_ = tr("no fit: n = %1, needs two distinct distances").arg(n);
    dots->setName(fitLabel_);
  }
  plot_->legend->setVisible(true);

  // Room around the points for their labels; a zero line when 0 is in view.
  const double spanX = std::max(*maxX - *minX, 1e-3);
  const double spanY = std::max(*maxY - *minY, 1e-3);
  plot_->xAxis->setRange(*minX - 0.08 * spanX, *maxX + 0.15 * spanX);
  plot_->yAxis->setRange(*minY - 0.12 * spanY, *maxY + 0.25 * spanY);
  if (plot_->yAxis->range().contains(0)) {
    auto* zero = new QCPItemStraightLine(plot_);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(QColor(0x90, 0x90, 0x90), 1, Qt::DashLine));
  }
  plot_->replot();
}

}  // namespace twb

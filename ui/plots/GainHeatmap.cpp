#include "plots/GainHeatmap.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "plots/GainBars.h"
#include "plots/PlotNote.h"

namespace twb {

namespace {

QCPColorGradient divergingGradient() {
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorStopAt(0.0, QColor(0xB2, 0x18, 0x2B));
  g.setColorStopAt(0.25, QColor(0xEF, 0x8A, 0x62));
  g.setColorStopAt(0.5, QColor(0xF7, 0xF7, 0xF7));
  g.setColorStopAt(0.75, QColor(0x67, 0xA9, 0xCF));
  g.setColorStopAt(1.0, QColor(0x21, 0x66, 0xAC));
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(QColor(0xD0, 0xD0, 0xD0));
  g.setLevelCount(256);
  return g;
}

}  // namespace

GainHeatmap::GainHeatmap(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(320, 200);
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  map_->setGradient(divergingGradient());
  scale_ = new QCPColorScale(plot_);
  scale_->setType(QCPAxis::atRight);
  scale_->setLabel(tr("Δ (transfer − baseline)"));
  scale_->setGradient(divergingGradient());
  plot_->plotLayout()->addElement(0, 1, scale_);
  map_->setColorScale(scale_);
  // Keep the scale as tall as the cells.
  auto* margins = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  plot_->yAxis->setRangeReversed(true);  // the first row on top, as in a table
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->grid()->setVisible(false);
  setAxisLabels(tr("intermediate task"), tr("target"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  setCells({}, {}, {});
}

void GainHeatmap::setAxisLabels(const QString& rowsLabel, const QString& colsLabel) {
  plot_->yAxis->setLabel(rowsLabel);
  plot_->xAxis->setLabel(colsLabel);
}

QString GainHeatmap::intermediateRow(const ExperimentSpec& spec) {
  return spec.intermediate ? spec.intermediate->dataset.name() : tr("no intermediate");
}

void GainHeatmap::setCells(const QStringList& rows, const QStringList& cols,
                           const QVector<QVector<double>>& values) {
  plot_->clearItems();
  rows_ = rows;
  cols_ = cols;
  labels_ = QVector<QVector<QString>>(rows.size(), QVector<QString>(cols.size()));
  const int nRows = static_cast<int>(rows.size());
  const int nCols = static_cast<int>(cols.size());

  double largest = 0;
  for (const auto& row : values) {
    for (double v : row) {
      if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    }
  }
  // Symmetric around 0, so white always means "no gain".
  limit_ = largest > 0 ? largest : 1.0;

  // QCustomPlot places cell centres at the ends of the data range, so a single row or column
  // would have no width: it is stored twice, a quarter either side of its centre.
  const int dataCols = nCols == 1 ? 2 : std::max(nCols, 1);
  const int dataRows = nRows == 1 ? 2 : std::max(nRows, 1);
  const auto span = [](int n) { return n == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, n - 1); };
  map_->data()->setSize(dataCols, dataRows);
  map_->data()->setRange(span(std::max(nCols, 1)), span(std::max(nRows, 1)));
  map_->data()->fill(std::numeric_limits<double>::quiet_NaN());
  auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
  auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
  for (int c = 0; c < nCols; ++c) xTicks->addTick(c, cols[c]);
  for (int r = 0; r < nRows; ++r) yTicks->addTick(r, rows[r]);
  for (int r = 0; r < nRows; ++r) {
    for (int c = 0; c < nCols; ++c) {
      const double v = r < values.size() && c < values[r].size()
                           ? values[r][c]
                           : std::numeric_limits<double>::quiet_NaN();
      for (int dc = c; dc < (nCols == 1 ? 2 : c + 1); ++dc) {
        for (int dr = r; dr < (nRows == 1 ? 2 : r + 1); ++dr) map_->data()->setCell(dc, dr, v);
      }
      const bool known = std::isfinite(v);
      labels_[r][c] = known ? GainBars::formatDelta(v) : QStringLiteral("–");
      auto* text = new QCPItemText(plot_);
      text->position->setCoords(c, r);
      text->setPositionAlignment(Qt::AlignCenter);
      text->setText(labels_[r][c]);
      // Dark ink on pale cells, white on strong ones.
      const bool strong = known && std::abs(v) > 0.6 * limit_;
      text->setColor(strong ? Qt::white : QColor(0x20, 0x20, 0x20));
    }
  }
  map_->setVisible(nRows > 0 && nCols > 0);
  map_->setDataRange(QCPRange(-limit_, limit_));
  plot_->xAxis->setTicker(xTicks);
  plot_->yAxis->setTicker(yTicks);
  plot_->xAxis->setRange(-0.5, std::max(nCols, 1) - 0.5);
  plot_->yAxis->setRange(-0.5, std::max(nRows, 1) - 0.5);
  if (nRows == 0 || nCols == 0) {
    addCentredNote(plot_, tr("No gains yet: run experiments with different intermediate tasks "
                             "to fill this grid."));
  }
  plot_->replot();
}

void GainHeatmap::setGains(const QStringList& rows,
                           const QVector<QVector<TargetGain>>& gainsPerRow) {
  QStringList cols;
  for (const auto& row : gainsPerRow) {
    for (const TargetGain& g : row) {
      if (!cols.contains(g.target)) cols << g.target;
    }
  }
  QVector<QVector<double>> values(
      rows.size(), QVector<double>(cols.size(), std::numeric_limits<double>::quiet_NaN()));
  for (int r = 0; r < rows.size() && r < gainsPerRow.size(); ++r) {
    for (const TargetGain& g : gainsPerRow[r]) values[r][cols.indexOf(g.target)] = g.delta.mean;
  }
  setCells(rows, cols, values);
}

QString GainHeatmap::cellLabel(int row, int col) const {
  if (row < 0 || row >= labels_.size() || col < 0 || col >= labels_[row].size()) return {};
  return labels_[row][col];
}

}  // namespace twb

// GainHeatmap: Δ per (intermediate task or language, target or task) as a diverging colour map.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "config/ExperimentSpec.h"
#include "experiment/Gains.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace twb {

// Rows run top to bottom, columns left to right. The colour scale is symmetric around 0
// (white), blue for gains and red for losses (ColorBrewer's RdBu, safe for colour-blind
// readers), and every cell carries its number, so the colour is never read alone. Missing
// cells (NaN) are grey and marked "–".
class GainHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit GainHeatmap(QWidget* parent = nullptr);

  // values[row][col]; a short row is padded with NaN.
  void setCells(const QStringList& rows, const QStringList& cols,
                const QVector<QVector<double>>& values);
  // One row per intermediate task (or language): that experiment's gains per target. The
  // columns are every target met, in first-seen order; each cell is the mean Δ.
  void setGains(const QStringList& rows, const QVector<QVector<TargetGain>>& gainsPerRow);
  void setAxisLabels(const QString& rowsLabel, const QString& colsLabel);
  // The row of an experiment's gains: its intermediate dataset's name, or "no intermediate".
  static QString intermediateRow(const ExperimentSpec& spec);

  QCustomPlot* plot() const { return plot_; }
  // The text written in a cell ("+0.031", "–" when missing); empty outside the grid.
  QString cellLabel(int row, int col) const;
  double limit() const { return limit_; }  // the colour scale runs from -limit to +limit

 private:
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QStringList rows_;
  QStringList cols_;
  QVector<QVector<QString>> labels_;
  double limit_ = 1;
};

}  // namespace twb

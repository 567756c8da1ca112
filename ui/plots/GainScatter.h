// GainScatter: Δ (or the transfer gap) against a linguistic distance, with a fit line, r and n.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include "plots/LinearFit.h"

class QCustomPlot;

namespace twb {

// One language (or task) on the scatter.
struct ScatterPoint {
  QString label;  // drawn beside the point: "de", "sw"
  double x = 0;   // distance
  double y = 0;   // Δ or gap
};

// Points with their labels, the least-squares line, and "r = 0.53, n = 12" in the legend.
// With no points it says where the points will come from.
class GainScatter : public QWidget {
  Q_OBJECT
 public:
  explicit GainScatter(QWidget* parent = nullptr);

  void setPoints(const QVector<ScatterPoint>& points);
  void setAxisLabels(const QString& xLabel, const QString& yLabel);

  QCustomPlot* plot() const { return plot_; }
  LinearFit fit() const { return fit_; }
  // The legend's text for the fit: "least squares: r = 0.53, n = 12".
  QString fitLabel() const { return fitLabel_; }

 private:
  QCustomPlot* plot_ = nullptr;
  LinearFit fit_;
  QString fitLabel_;
};

}  // namespace twb

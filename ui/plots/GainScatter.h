// GainScatter: Δ (or the transfer gap) against a linguistic distance, each language's 95% CI as
// an error bar, a fit line, and the correlation with its interval, p and n.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>
#include <limits>

#include "plots/LinearFit.h"

class QCustomPlot;

namespace twb {

// One language (or task) on the scatter.
struct ScatterPoint {
  QString label;                                          // drawn beside the point: "de", "sw"
  double x = 0;                                           // distance
  double y = 0;                                           // Δ or gap
  double low = std::numeric_limits<double>::quiet_NaN();  // y's 95% interval; NaN: none
  double high = std::numeric_limits<double>::quiet_NaN();
  bool atChance = false;  // drawn hollow: neither arm beats chance
};

// Points with their labels and error bars (hollow when at chance), the least-squares line, and
// the correlation (or "r = 0.53, n = 12") in the legend.
// With no points it says where the points will come from.
class GainScatter : public QWidget {
  Q_OBJECT
 public:
  explicit GainScatter(QWidget* parent = nullptr);

  void setPoints(const QVector<ScatterPoint>& points);
  void setAxisLabels(const QString& xLabel, const QString& yLabel);
  // What the legend says of the fit line (the report's correlation: r, CI, p, Holm p, n);
  // empty: the least-squares r and n. Set before setPoints.
  void setCorrelationLabel(const QString& label) { correlationLabel_ = label; }

  QCustomPlot* plot() const { return plot_; }
  LinearFit fit() const { return fit_; }
  // The legend's text for the fit: "least squares: r = 0.53, n = 12".
  QString fitLabel() const { return fitLabel_; }

 private:
  QCustomPlot* plot_ = nullptr;
  LinearFit fit_;
  QString fitLabel_;
  QString correlationLabel_;
};

}  // namespace twb

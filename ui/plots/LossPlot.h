// LossPlot: the live training / dev curves of the CurveStore, with its own small toolbar.
#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include "plots/CurveDrawing.h"
#include "plots/CurveStore.h"
#include "plots/PreparedCurves.h"
#include "plots/SeriesMath.h"

class QCustomPlot;
class QCPItemText;
class QCPRange;

namespace twb {

class LossPlotControls;

// Draws one metric of the store (one stage or all), one graph per series with a faint raw
// curve under the smoothed one, the best dev point marked. However fast points arrive, it
// replots at most once per kReplotIntervalMs: a single-shot timer merges every change in
// between (PlotJuggler's scheme); when a replot takes long the interval grows to twice its
// duration (up to kMaxReplotIntervalMs). Wheel and drag zoom; a double click goes back to
// following the data.
class LossPlot : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kReplotIntervalMs = 50;
  static constexpr int kMaxReplotIntervalMs = 1000;

  explicit LossPlot(CurveStore* store, QWidget* parent = nullptr);

  QCustomPlot* plot() const { return plot_; }
  CurveStore* store() const { return store_; }

  void setSmoothing(double weight);  // 0 .. 0.99; 0 draws the raw curves only
  double smoothing() const { return options_.smoothing; }
  void setLogY(bool on);
  bool logY() const { return options_.logY; }
  void setXAxisMode(twb::XAxisMode mode);
  XAxisMode xAxisMode() const { return options_.xMode; }
  void setMetric(const QString& metric);
  QString metric() const { return options_.metric; }
  void setStage(const QString& stage);  // empty: all stages
  QString stage() const { return options_.stage; }
  void setIgnoreOutliers(bool on);
  bool ignoreOutliers() const { return options_.ignoreOutliers; }

  // What the last replot drew (for tests and the status bar).
  int graphCount() const;
  int seriesDrawn() const { return drawn_.series; }
  qint64 pointsDrawn() const { return drawn_.points; }
  int envelopePixels() const { return options_.pixels; }  // the width the envelope was cut for
  QVector<BestMark> bestMarks() const { return drawn_.marks; }
  int replotCount() const { return replotCount_; }
  bool replotPending() const { return replotTimer_.isActive(); }
  int replotInterval() const { return replotTimer_.interval(); }

 public Q_SLOTS:
  // Asks for a replot; many calls within one interval make one replot.
  void scheduleReplot();
  // Redraws at once (before an export, say).
  void replotNow();

 protected:
  // The envelope is cut for the plot's width: a new width needs a new cut.
  void resizeEvent(QResizeEvent* event) override;

 private:
  void onStoreChanged();
  void syncChoices();
  void applyAxes();
  QCPRange withLabelRoom(const YRange& range) const;
  void showEmptyNote();
  void followData();

  QPointer<CurveStore> store_;
  QCustomPlot* plot_ = nullptr;
  LossPlotControls* controls_ = nullptr;
  QTimer replotTimer_;
  CurveOptions options_;
  CurveCache cache_;
  DrawnCurves drawn_;
  bool metricChosen_ = false;  // once chosen (by the user or a caller) it is not guessed again
  bool following_ = true;      // axes follow the data until the user zooms or drags
  bool drawing_ = false;
  int replotCount_ = 0;
  QStringList shownMetrics_;
  QStringList shownStages_;
};

}  // namespace twb

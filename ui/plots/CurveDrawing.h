// CurveDrawing: turns the CurveStore's series into QCustomPlot graphs for the loss plot.
#pragma once

#include <QString>
#include <QVector>

#include "plots/CurveStore.h"
#include "plots/PreparedCurves.h"
#include "plots/SeriesMath.h"

class QCustomPlot;

namespace twb {

// A best dev point as drawn: the marker of one series, `labelled` for the best of its group.
struct BestMark {
  SeriesKey key;
  qint64 step = 0;
  double x = 0;
  double value = 0;
  bool labelled = false;
};

struct DrawnCurves {
  int series = 0;     // series drawn
  qint64 points = 0;  // data points handed to QCustomPlot, over all graphs
  YRange xRange;      // of every point drawn (not only the visible span)
  YRange yRange;      // what the y axis should show (outliers ignored when asked)
  QVector<BestMark> marks;
  int labelRows = 0;       // stacked "best" labels
  double labelPixels = 0;  // room they need beyond the best points, above or below
};

// Removes the previous graphs and items and draws one graph per series (two when smoothing:
// a faint raw curve under the smoothed one), a marker at each dev series' best point and a
// label at the best point of each (arm, target) group. Smoothing always runs on every point
// before decimation (see prepareSeries). Does not replot and does not touch the axes' ranges.
// `cache` (may be null) keeps the prepared series between calls.
DrawnCurves drawCurves(QCustomPlot* plot, const CurveStore& store, const CurveOptions& options,
                       CurveCache* cache = nullptr);

}  // namespace twb

// SeriesColumns: one series' x, y and smoothed y kept between replots and extended on append.
#pragma once

#include <QString>
#include <QVector>

#include "plots/CurveStore.h"
#include "plots/SeriesMath.h"
#include "plots/SpanPyramid.h"

namespace twb {

// What the columns depend on besides the points: a pan or a zoom changes none of it.
struct ColumnOptions {
  XAxisMode xMode = XAxisMode::Step;
  double smoothing = 0;
  bool logY = false;
  bool ignoreOutliers = false;

  bool operator==(const ColumnOptions& o) const {
    return xMode == o.xMode && smoothing == o.smoothing && logY == o.logY &&
           ignoreOutliers == o.ignoreOutliers;
  }
};

// Every number of a series that does not depend on the visible span: the x and y columns
// (non-positive y made NaN on a log axis), smoothDebiased of y, the ranges and the best point,
// equal to what computing them from all the points gives. When the store only appended points
// (same CurveStore::generation), update() works on the new points alone, so a live replot costs
// the points that arrived, not the 200,000 already drawn. The pyramid of bucket sums over x,
// y and the line (smooth, or y without smoothing) is extended the same way.
class SeriesColumns {
 public:
  void update(const QVector<SeriesPoint>& points, quint64 generation, const QString& metric,
              const ColumnOptions& options);

  QVector<double> xs;
  QVector<double> ys;
  QVector<double> smooth;  // empty without smoothing
  YRange xRange;
  YRange yRange;
  BestPoint best;
  // Whether x never decreases and has no NaN: then a pixel's points are found by search and
  // summed from the pyramid.
  bool xSorted = true;
  SpanPyramid pyramid;

 private:
  void reset(quint64 generation, const QString& metric, const ColumnOptions& options);
  int extendSmoothing(int from);  // the first index it (re)computed

  quint64 generation_ = 0;
  QString metric_;
  ColumnOptions options_;
  // smoothDebiased's state: while every finite value equals the first, the smoothed curve is
  // the curve itself; past that, the running average.
  bool flat_ = true;
  bool seen_ = false;
  double constant_ = 0;
  DebiasedAverage average_;
  // The finite extremes of x and of y (log10 of y on a log axis).
  bool xSeen_ = false;
  double xLow_ = 0, xHigh_ = 0;
  bool ySeen_ = false;
  double yLow_ = 0, yHigh_ = 0;
};

}  // namespace twb

// PreparedCurves: the numbers the loss plot draws of one series, computed once per change.
#pragma once

#include <QMap>
#include <QString>

#include "plots/CurveStore.h"
#include "plots/SeriesColumns.h"
#include "plots/SeriesMath.h"

namespace twb {

// What to draw and how; LossPlot owns the choices.
struct CurveOptions {
  QString metric;
  QString stage;  // empty: every stage
  XAxisMode xMode = XAxisMode::Step;
  double smoothing = 0;  // 0: raw curves only
  bool logY = false;
  bool ignoreOutliers = false;
  int pixels = 800;  // plot width: more points than 2 * pixels are drawn as an envelope
  // When the user has zoomed: only this x span is decimated (plus a neighbour each side).
  bool clipX = false;
  double xLower = 0;
  double xUpper = 0;

  // Whether a series prepared under `other` can be drawn as it is under these options.
  bool preparesLike(const CurveOptions& other) const;
};

// One series, ready for QCustomPlot: smoothing ran on every point before anything was cut.
struct PreparedSeries {
  YRange xRange;  // of every point, in the chosen x
  YRange yRange;  // what the y axis needs (outliers ignored when asked)
  // More points than 2 * pixels: the raw curve is `band` (per-pixel min/max) and `line` one
  // mean point per pixel. Else `raw` is every point in view.
  bool dense = false;
  Band band;
  XYSeries raw;
  XYSeries line;  // the curve drawn strong: smoothed, or the raw line
  BestPoint best;
  double bestX = 0;
};

// From scratch: every column computed again from the points (the reference the cache matches).
PreparedSeries prepareSeries(const QVector<SeriesPoint>& points, const QString& metric,
                             const CurveOptions& options);
// The same from columns kept between replots: only the visible span is cut, in one pass, each
// pixel summed from the columns' pyramid when x is sorted. The band's extremes, the raw points
// and the ranges are equal bit for bit; the means of the band's x and of the line may differ in
// their last bits (SpanPyramid).
PreparedSeries prepareSeries(const SeriesColumns& columns, const CurveOptions& options);
ColumnOptions columnOptions(const CurveOptions& options);

// Keeps the last PreparedSeries of every series with the store revision and options it was
// made for, so a replot redoes only the series that changed (with 35 runs of 100k points,
// usually one or two), and its SeriesColumns, so a pan or zoom only cuts the new span and
// appended points only extend the smoothing.
class CurveCache {
 public:
  const PreparedSeries& get(const CurveStore& store, const SeriesKey& key,
                            const CurveOptions& options);
  // Forgets the series not in `keys` (cleared or filtered away).
  void keepOnly(const QList<SeriesKey>& keys);
  void clear() { entries_.clear(); }
  int size() const { return static_cast<int>(entries_.size()); }

 private:
  struct Entry {
    quint64 revision = 0;
    CurveOptions options;
    PreparedSeries prepared;
    SeriesColumns columns;
  };
  QMap<SeriesKey, Entry> entries_;
};

}  // namespace twb

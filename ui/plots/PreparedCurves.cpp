#include "plots/PreparedCurves.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "plots/DenseDecimation.h"

namespace twb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The y range of one series in the axis' own scale (decades when logarithmic).
YRange seriesRange(const QVector<double>& ys, const CurveOptions& options) {
  if (!options.logY) return options.ignoreOutliers ? robustRange(ys) : fullRange(ys, 0.03);
  QVector<double> logs;
  logs.reserve(ys.size());
  for (double v : ys) logs.push_back(v > 0 ? std::log10(v) : kNaN);
  YRange r = options.ignoreOutliers ? robustRange(logs) : fullRange(logs, 0.03);
  if (r.valid) r = {std::pow(10.0, r.lower), std::pow(10.0, r.upper), true};
  return r;
}

// The points that cover the visible span, with one neighbour on each side so lines run off
// the edges instead of stopping short.
XYSeries visibleSlice(const QVector<double>& xs, const QVector<double>& ys,
                      const CurveOptions& options) {
  if (!options.clipX) return {xs, ys};
  const auto begin = std::lower_bound(xs.begin(), xs.end(), options.xLower);
  const auto end = std::upper_bound(xs.begin(), xs.end(), options.xUpper);
  const int first = std::max(0, static_cast<int>(begin - xs.begin()) - 1);
  const int last = std::min(static_cast<int>(xs.size()), static_cast<int>(end - xs.begin()) + 1);
  return {xs.mid(first, last - first), ys.mid(first, last - first)};
}

}  // namespace

bool CurveOptions::preparesLike(const CurveOptions& o) const {
  // metric and stage pick series; they do not change how one series is prepared.
  return xMode == o.xMode && smoothing == o.smoothing && logY == o.logY &&
         ignoreOutliers == o.ignoreOutliers && pixels == o.pixels && clipX == o.clipX &&
         (!clipX || (xLower == o.xLower && xUpper == o.xUpper));
}

PreparedSeries prepareSeries(const QVector<SeriesPoint>& points, const QString& metric,
                             const CurveOptions& options) {
  PreparedSeries out;
  if (points.isEmpty()) return out;
  const QVector<double> xs = xValues(points, options.xMode);
  QVector<double> ys = yValues(points);
  if (options.logY) {
    for (double& v : ys) v = v > 0 ? v : kNaN;  // no place for them on a log axis
  }
  out.xRange = fullRange(xs, 0);
  out.yRange = seriesRange(ys, options);

  const XYSeries raw = visibleSlice(xs, ys, options);
  out.dense = raw.x.size() > 2 * options.pixels;
  if (out.dense) {
    out.band = envelopeBand(raw.x, raw.y, options.pixels);
  } else {
    out.raw = raw;
  }
  if (options.smoothing > 0) {
    // Smooth every point first; only then cut to the visible span and the pixels.
    const XYSeries visible = visibleSlice(xs, smoothDebiased(ys, options.smoothing), options);
    out.line = meanDecimate(visible.x, visible.y, options.pixels);
  } else {
    out.line = out.dense ? meanDecimate(raw.x, raw.y, options.pixels) : raw;
  }

  out.best = bestPoint(points, metric);
  if (out.best.valid) out.bestX = xs[out.best.index];
  if (out.best.valid && (!std::isfinite(out.bestX) || (options.logY && out.best.point.value <= 0)))
    out.best = {};
  return out;
}

ColumnOptions columnOptions(const CurveOptions& options) {
  return {options.xMode, options.smoothing, options.logY, options.ignoreOutliers};
}

PreparedSeries prepareSeries(const SeriesColumns& c, const CurveOptions& options) {
  PreparedSeries out;
  if (c.xs.isEmpty()) return out;
  out.xRange = c.xRange;
  out.yRange = c.yRange;
  // The visible span as visibleSlice cuts it, as indices.
  int first = 0;
  int last = static_cast<int>(c.xs.size());
  if (options.clipX) {
    const auto begin = std::lower_bound(c.xs.begin(), c.xs.end(), options.xLower);
    const auto end = std::upper_bound(c.xs.begin(), c.xs.end(), options.xUpper);
    first = std::max(0, static_cast<int>(begin - c.xs.begin()) - 1);
    last = std::min(last, static_cast<int>(end - c.xs.begin()) + 1);
  }
  const bool smooth = options.smoothing > 0;
  const QVector<double>& lineY = smooth ? c.smooth : c.ys;
  out.dense = last - first > 2 * options.pixels;
  if (out.dense) {
    if (c.xSorted) {
      decimateDense(c.xs, c.ys, lineY, c.pyramid, first, last, options.pixels, &out.band,
                    &out.line);
    } else {
      decimateDense(c.xs, c.ys, lineY, first, last, options.pixels, &out.band, &out.line);
    }
  } else {
    const int count = std::max(0, last - first);
    out.raw = {c.xs.mid(first, count), c.ys.mid(first, count)};
    out.line = smooth ? XYSeries{out.raw.x, c.smooth.mid(first, count)} : out.raw;
  }
  out.best = c.best;
  if (out.best.valid) out.bestX = c.xs[out.best.index];
  if (out.best.valid && (!std::isfinite(out.bestX) || (options.logY && out.best.point.value <= 0)))
    out.best = {};
  return out;
}

const PreparedSeries& CurveCache::get(const CurveStore& store, const SeriesKey& key,
                                      const CurveOptions& options) {
  const quint64 revision = store.revision(key);
  Entry& entry = entries_[key];
  if (entry.revision != revision || !entry.options.preparesLike(options)) {
    entry.columns.update(store.points(key), store.generation(key), key.metric,
                         columnOptions(options));
    entry.revision = revision;
    entry.options = options;
    entry.prepared = prepareSeries(entry.columns, options);
  }
  return entry.prepared;
}

void CurveCache::keepOnly(const QList<SeriesKey>& keys) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = keys.contains(it.key()) ? std::next(it) : entries_.erase(it);
  }
}

}  // namespace twb

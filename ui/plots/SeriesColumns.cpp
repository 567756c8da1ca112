#include "plots/SeriesColumns.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double xOf(const SeriesPoint& p, XAxisMode mode, qint64 firstStep) {
  switch (mode) {
    case XAxisMode::Step:
      return static_cast<double>(p.step);
    case XAxisMode::Epoch:
      return p.epoch;
    case XAxisMode::WallTime:
      return p.wall;
    case XAxisMode::RelativeStep:
      return static_cast<double>(p.step - firstStep);
  }
  return kNaN;
}

void widen(double v, bool* seen, double* low, double* high) {
  if (!std::isfinite(v)) return;
  *low = *seen ? std::min(*low, v) : v;
  *high = *seen ? std::max(*high, v) : v;
  *seen = true;
}

// fullRange of the values whose finite extremes are low and high.
YRange rangeOf(bool seen, double low, double high, double margin) {
  return seen ? fullRange({low, high}, margin) : YRange();
}

}  // namespace

void SeriesColumns::reset(quint64 generation, const QString& metric, const ColumnOptions& options) {
  *this = SeriesColumns();
  generation_ = generation;
  metric_ = metric;
  options_ = options;
}

void SeriesColumns::update(const QVector<SeriesPoint>& points, quint64 generation,
                           const QString& metric, const ColumnOptions& options) {
  if (generation != generation_ || metric != metric_ || !(options == options_) ||
      points.size() < xs.size()) {
    reset(generation, metric, options);
  }
  const int from = static_cast<int>(xs.size());
  const int n = static_cast<int>(points.size());
  if (from == n && from > 0) return;
  const qint64 firstStep = points.isEmpty() ? 0 : points.front().step;
  xs.reserve(n);
  ys.reserve(n);
  for (int i = from; i < n; ++i) {
    const SeriesPoint& p = points[i];
    const double x = xOf(p, options.xMode, firstStep);
    double y = p.value;
    if (options.logY && !(y > 0)) y = kNaN;  // no place for them on a log axis
    xs.push_back(x);
    ys.push_back(y);
    xSorted = xSorted && !std::isnan(x) && (i == 0 || x >= xs[i - 1]);
    widen(x, &xSeen_, &xLow_, &xHigh_);
    widen(options.logY ? (y > 0 ? std::log10(y) : kNaN) : y, &ySeen_, &yLow_, &yHigh_);
  }
  xRange = rangeOf(xSeen_, xLow_, xHigh_, 0);
  if (options.ignoreOutliers) {
    // Quantiles do not extend: the changed series is ranked again.
    if (!options.logY) {
      yRange = robustRange(ys);
    } else {
      QVector<double> logs;
      logs.reserve(n);
      for (double v : ys) logs.push_back(v > 0 ? std::log10(v) : kNaN);
      yRange = robustRange(logs);
    }
  } else {
    yRange = rangeOf(ySeen_, yLow_, yHigh_, 0.03);
  }
  if (options.logY && yRange.valid)
    yRange = {std::pow(10.0, yRange.lower), std::pow(10.0, yRange.upper), true};
  const bool smoothed = options.smoothing > 0;
  // A smoothing that restarts changes the line from its first point: its blocks are redone.
  const int lineFrom = smoothed ? extendSmoothing(from) : from;
  pyramid.truncate(lineFrom);
  pyramid.extend(xs, ys, smoothed ? smooth : ys);

  if (isDevMetric(metric)) {
    const bool higher = higherIsBetter(metric);
    for (int i = from; i < n; ++i) {
      const double v = points[i].value;
      if (!std::isfinite(v)) continue;
      // As bestPoint: on ties the earliest step wins.
      if (!best.valid || (higher ? v > best.point.value : v < best.point.value))
        best = {true, i, points[i]};
    }
  }
}

int SeriesColumns::extendSmoothing(int from) {
  // The same arithmetic in the same order as smoothDebiased, so the numbers are equal.
  const double w =
      std::clamp(std::isfinite(options_.smoothing) ? options_.smoothing : 0.0, 0.0, 0.999);
  const int n = static_cast<int>(ys.size());
  if (flat_) {
    for (int i = from; i < n && flat_; ++i) {
      const double v = ys[i];
      if (!std::isfinite(v)) continue;
      if (!seen_) {
        constant_ = v;
        seen_ = true;
      } else if (v != constant_) {
        flat_ = false;
      }
    }
    if (flat_ || w == 0.0) {
      // A constant (or unsmoothed) curve is its own smoothing.
      smooth += ys.mid(from);
      flat_ = flat_ || w == 0.0;
      return from;
    }
    // No longer constant: the average runs from the first point.
    smooth.clear();
    from = 0;
  }
  if (from == 0) average_ = {w};
  smooth.resize(n);
  for (int i = from; i < n; ++i) {
    const double x = ys[i];
    smooth[i] = std::isfinite(x) ? average_.next(x) : x;  // a gap stays a gap
  }
  return from;
}

}  // namespace twb

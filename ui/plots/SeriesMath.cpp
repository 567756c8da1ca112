#include "plots/SeriesMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "plots/PixelBuckets.h"

namespace twb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// True when every finite value equals the first finite one (and there is at least one).
bool allFiniteEqual(const QVector<double>& values, double* constant) {
  bool seen = false;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    if (!seen) {
      *constant = v;
      seen = true;
    } else if (v != *constant) {
      return false;
    }
  }
  return seen;
}

YRange padded(double lo, double hi, double margin) {
  double span = hi - lo;
  if (span <= 0) {
    // A flat series: give it a visible span around its value.
    span = std::max(std::abs(lo) * 0.1, 1e-6);
    return {lo - span / 2, hi + span / 2, true};
  }
  return {lo - margin * span, hi + margin * span, true};
}

QVector<double> finiteValues(const QVector<double>& values) {
  QVector<double> finite;
  finite.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  return finite;
}

}  // namespace

QVector<double> smoothDebiased(const QVector<double>& values, double weight) {
  const double w = std::clamp(std::isfinite(weight) ? weight : 0.0, 0.0, 0.999);
  double constant = 0;
  if (w == 0.0 || allFiniteEqual(values, &constant)) {
    // Smoothing a constant is the constant; returning it exactly avoids rounding spikes.
    return values;
  }
  QVector<double> out(values.size(), kNaN);
  DebiasedAverage average{w};
  for (int i = 0; i < values.size(); ++i) {
    const double x = values[i];
    // A gap in the curve stays a gap; the average carries on past it.
    out[i] = std::isfinite(x) ? average.next(x) : x;
  }
  return out;
}

XYSeries envelopeDecimate(const QVector<double>& x, const QVector<double>& y, int pixels) {
  const int n = static_cast<int>(std::min(x.size(), y.size()));
  pixels = std::max(pixels, 1);
  if (n <= 2 * pixels) return {x.mid(0, n), y.mid(0, n)};

  XYSeries out;
  out.x.reserve(2 * pixels + 2);
  out.y.reserve(2 * pixels + 2);
  auto keep = [&](int i) {
    out.x.push_back(x[i]);
    out.y.push_back(y[i]);
  };
  keep(0);
  forEachBucket(x, 1, n - 1, pixels, [&](int first, int last) {
    int lowest = -1;
    int highest = -1;
    for (int i = first; i < last; ++i) {
      if (!std::isfinite(y[i])) continue;
      if (lowest < 0 || y[i] < y[lowest]) lowest = i;
      if (highest < 0 || y[i] > y[highest]) highest = i;
    }
    if (lowest < 0) return;
    // In their original order, so the line goes through both as the data did.
    keep(std::min(lowest, highest));
    if (lowest != highest) keep(std::max(lowest, highest));
  });
  keep(n - 1);
  return out;
}

XYSeries meanDecimate(const QVector<double>& x, const QVector<double>& y, int pixels) {
  const int n = static_cast<int>(std::min(x.size(), y.size()));
  pixels = std::max(pixels, 1);
  if (n <= 2 * pixels) return {x.mid(0, n), y.mid(0, n)};

  XYSeries out;
  out.x.reserve(pixels + 2);
  out.y.reserve(pixels + 2);
  out.x.push_back(x[0]);
  out.y.push_back(y[0]);
  forEachBucket(x, 1, n - 1, pixels, [&](int first, int last) {
    double sumX = 0;
    double sumY = 0;
    int count = 0;
    for (int i = first; i < last; ++i) {
      if (!std::isfinite(y[i])) continue;
      sumX += x[i];
      sumY += y[i];
      ++count;
    }
    if (count == 0) return;
    out.x.push_back(sumX / count);
    out.y.push_back(sumY / count);
  });
  out.x.push_back(x[n - 1]);
  out.y.push_back(y[n - 1]);
  return out;
}

Band envelopeBand(const QVector<double>& x, const QVector<double>& y, int pixels) {
  const int n = static_cast<int>(std::min(x.size(), y.size()));
  pixels = std::max(pixels, 1);
  Band out;
  auto add = [&](double at, double lower, double upper) {
    out.x.push_back(at);
    out.lower.push_back(lower);
    out.upper.push_back(upper);
  };
  if (n == 0) return out;
  if (std::isfinite(y[0])) add(x[0], y[0], y[0]);
  forEachBucket(x, 1, n - 1, pixels, [&](int first, int last) {
    double sumX = 0;
    double lowest = 0;
    double highest = 0;
    int count = 0;
    for (int i = first; i < last; ++i) {
      if (!std::isfinite(y[i])) continue;
      sumX += x[i];
      lowest = count == 0 ? y[i] : std::min(lowest, y[i]);
      highest = count == 0 ? y[i] : std::max(highest, y[i]);
      ++count;
    }
    if (count > 0) add(sumX / count, lowest, highest);
  });
  if (n > 1 && std::isfinite(y[n - 1])) add(x[n - 1], y[n - 1], y[n - 1]);
  return out;
}

QString xAxisModeName(XAxisMode mode) {
  switch (mode) {
    case XAxisMode::Step:
      return QStringLiteral("step");
    case XAxisMode::Epoch:
      return QStringLiteral("epoch");
    case XAxisMode::WallTime:
      return QStringLiteral("wall time");
    case XAxisMode::RelativeStep:
      return QStringLiteral("relative step");
  }
  return {};
}

QString xAxisModeKey(XAxisMode mode) {
  switch (mode) {
    case XAxisMode::Step:
      return QStringLiteral("step");
    case XAxisMode::Epoch:
      return QStringLiteral("epoch");
    case XAxisMode::WallTime:
      return QStringLiteral("wall");
    case XAxisMode::RelativeStep:
      return QStringLiteral("relative");
  }
  return {};
}

bool parseXAxisMode(const QString& key, XAxisMode* mode) {
  for (XAxisMode m :
       {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime, XAxisMode::RelativeStep}) {
    if (key.compare(xAxisModeKey(m), Qt::CaseInsensitive) == 0 ||
        key.compare(xAxisModeName(m), Qt::CaseInsensitive) == 0) {
      *mode = m;
      return true;
    }
  }
  return false;
}

QVector<double> xValues(const QVector<SeriesPoint>& points, XAxisMode mode) {
  QVector<double> out;
  out.reserve(points.size());
  const qint64 firstStep = points.isEmpty() ? 0 : points.front().step;
  for (const SeriesPoint& p : points) {
    switch (mode) {
      case XAxisMode::Step:
        out.push_back(static_cast<double>(p.step));
        break;
      case XAxisMode::Epoch:
        out.push_back(p.epoch);
        break;
      case XAxisMode::WallTime:
        out.push_back(p.wall);
        break;
      case XAxisMode::RelativeStep:
        out.push_back(static_cast<double>(p.step - firstStep));
        break;
    }
  }
  return out;
}

QVector<double> yValues(const QVector<SeriesPoint>& points) {
  QVector<double> out;
  out.reserve(points.size());
  for (const SeriesPoint& p : points) out.push_back(p.value);
  return out;
}

YRange robustRange(const QVector<double>& values, double quantile, double margin) {
  QVector<double> finite = finiteValues(values);
  const int n = static_cast<int>(finite.size());
  if (n == 0) return {};
  if (n < 5) {
    const auto [lo, hi] = std::minmax_element(finite.cbegin(), finite.cend());
    return padded(*lo, *hi, margin);
  }
  const double q = std::clamp(quantile, 0.0, 0.49);
  const int trimmed = std::max(1, static_cast<int>(std::floor(q * n)));
  // Two selections instead of a sort: this runs per series on every replot.
  std::nth_element(finite.begin(), finite.begin() + trimmed, finite.end());
  const double lower = finite[trimmed];
  std::nth_element(finite.begin() + trimmed, finite.begin() + (n - 1 - trimmed), finite.end());
  return padded(lower, finite[n - 1 - trimmed], margin);
}

YRange fullRange(const QVector<double>& values, double margin) {
  bool seen = false;
  double lo = 0;
  double hi = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = seen ? std::min(lo, v) : v;
    hi = seen ? std::max(hi, v) : v;
    seen = true;
  }
  if (!seen) return {};
  return padded(lo, hi, margin);
}

YRange unite(const YRange& a, const YRange& b) {
  if (!a.valid) return b;
  if (!b.valid) return a;
  return {std::min(a.lower, b.lower), std::max(a.upper, b.upper), true};
}

}  // namespace twb

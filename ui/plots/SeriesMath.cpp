#include "plots/SeriesMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

QVector<double> finiteSorted(const QVector<double>& values) {
  QVector<double> finite;
  finite.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  std::sort(finite.begin(), finite.end());
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
  double accumulator = 0;  // s_t before debiasing
  double weightPower = 1;  // w^t over the finite points seen
  for (int i = 0; i < values.size(); ++i) {
    const double x = values[i];
    if (!std::isfinite(x)) {
      out[i] = x;  // a gap in the curve; the average carries on past it
      continue;
    }
    accumulator = w * accumulator + (1 - w) * x;
    weightPower *= w;
    out[i] = accumulator / (1 - weightPower);
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
    if (!out.x.isEmpty() && out.x.back() == x[i] && out.y.back() == y[i]) return;
    out.x.push_back(x[i]);
    out.y.push_back(y[i]);
  };

  const double x0 = x[0];
  const double span = x[n - 1] - x0;
  keep(0);
  int i = 0;
  for (int bucket = 0; bucket < pixels && i < n; ++bucket) {
    // The bucket holds the points whose x lies below its right edge (the last one holds the rest).
    const double edge = x0 + span * (bucket + 1) / pixels;
    int lowest = -1;
    int highest = -1;
    for (; i < n && (bucket == pixels - 1 || x[i] < edge); ++i) {
      if (!std::isfinite(y[i])) continue;
      if (lowest < 0 || y[i] < y[lowest]) lowest = i;
      if (highest < 0 || y[i] > y[highest]) highest = i;
    }
    if (lowest < 0) continue;
    if (lowest == highest) {
      if (lowest != 0 && lowest != n - 1) keep(lowest);
      continue;
    }
    const int first = std::min(lowest, highest);
    const int second = std::max(lowest, highest);
    if (first != 0) keep(first);
    if (second != n - 1) keep(second);
  }
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
  const double x0 = x[0];
  const double span = x[n - 1] - x0;
  int i = 1;
  for (int bucket = 0; bucket < pixels && i < n - 1; ++bucket) {
    const double edge = x0 + span * (bucket + 1) / pixels;
    double sumX = 0;
    double sumY = 0;
    int count = 0;
    for (; i < n - 1 && (bucket == pixels - 1 || x[i] < edge); ++i) {
      if (!std::isfinite(y[i])) continue;
      sumX += x[i];
      sumY += y[i];
      ++count;
    }
    if (count == 0) continue;
    out.x.push_back(sumX / count);
    out.y.push_back(sumY / count);
  }
  out.x.push_back(x[n - 1]);
  out.y.push_back(y[n - 1]);
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
  for (XAxisMode m : {XAxisMode::Step, XAxisMode::Epoch, XAxisMode::WallTime,
                      XAxisMode::RelativeStep}) {
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
  const QVector<double> sorted = finiteSorted(values);
  const int n = static_cast<int>(sorted.size());
  if (n == 0) return {};
  if (n < 5) return padded(sorted.front(), sorted.back(), margin);
  const double q = std::clamp(quantile, 0.0, 0.49);
  const int trimmed = std::max(1, static_cast<int>(std::floor(q * n)));
  return padded(sorted[trimmed], sorted[n - 1 - trimmed], margin);
}

YRange fullRange(const QVector<double>& values, double margin) {
  const QVector<double> sorted = finiteSorted(values);
  if (sorted.isEmpty()) return {};
  return padded(sorted.front(), sorted.back(), margin);
}

YRange unite(const YRange& a, const YRange& b) {
  if (!a.valid) return b;
  if (!b.valid) return a;
  return {std::min(a.lower, b.lower), std::max(a.upper, b.upper), true};
}

}  // namespace twb

// SeriesMath: pure functions behind the live curves (smoothing, envelope, x-axis, outlier range).
#pragma once

#include <QString>
#include <QVector>
#include <QtGlobal>

namespace twb {

// One stored value of a metric series with every x the axis may be drawn against.
struct SeriesPoint {
  qint64 step = 0;
  double epoch = 0;
  double wall = 0;  // seconds since the stage started
  double value = 0;
};

// Exponential moving average corrected for start-up bias (TensorBoard's smoothing):
// s_t = w * s_{t-1} + (1 - w) * x_t with s_0 = 0, reported as s_t / (1 - w^t), where t counts
// the finite points seen so far. Non-finite inputs come out unchanged (a gap) and do not touch
// the average. A series whose finite values are all equal comes out exactly equal (no float
// wobble). The weight is clamped to [0, 0.999]. Always call it on every point, never on a
// subsample: the result must not depend on how the curve is drawn.
QVector<double> smoothDebiased(const QVector<double>& values, double weight);
// One step of that average, for callers that extend a smoothed curve point by point.
struct DebiasedAverage {
  double weight = 0;       // already clamped
  double accumulator = 0;  // s_t before debiasing
  double weightPower = 1;  // w^t over the finite points seen
  double next(double x) {  // x finite
    accumulator = weight * accumulator + (1 - weight) * x;
    weightPower *= weight;
    return accumulator / (1 - weightPower);
  }
};

// Min/max envelope decimation of x-sorted points for a plot `pixels` wide. With at most
// 2 * pixels points the input is returned as is. Otherwise the x span is cut into `pixels`
// equal buckets and each bucket gives its lowest and highest point in their original order, so
// a single spike survives; the first and last points are always kept. At most 2 * pixels + 2
// points come back. Non-finite values are dropped from buckets.
struct XYSeries {
  QVector<double> x;
  QVector<double> y;
};
XYSeries envelopeDecimate(const QVector<double>& x, const QVector<double>& y, int pixels);
// The same buckets as a band to fill: per non-empty bucket its mean x, lowest and highest
// value, plus the first and last points (lower == upper). Filling a band costs a fraction of
// stroking the zig-zag of envelopeDecimate, which matters with dozens of noisy curves.
// At most pixels + 2 entries; non-finite values are dropped.
struct Band {
  QVector<double> x;
  QVector<double> lower;
  QVector<double> upper;
};
Band envelopeBand(const QVector<double>& x, const QVector<double>& y, int pixels);
// The same buckets reduced to their mean point: for a curve that is already smoothed, where a
// min/max band would only redraw the noise smoothing took out. At most pixels + 2 points;
// the first and last points are kept.
XYSeries meanDecimate(const QVector<double>& x, const QVector<double>& y, int pixels);

// What the x axis of a live curve counts.
enum class XAxisMode {
  Step,          // the step as reported
  Epoch,         // fractional epoch
  WallTime,      // seconds since the stage started
  RelativeStep,  // step minus the series' first step: stages from other checkpoints line up
};

QString xAxisModeName(XAxisMode mode);  // "step", "epoch", "wall time", "relative step"
QString xAxisModeKey(XAxisMode mode);   // "step", "epoch", "wall", "relative"
bool parseXAxisMode(const QString& key, XAxisMode* mode);  // accepts key or name
QVector<double> xValues(const QVector<SeriesPoint>& points, XAxisMode mode);
QVector<double> yValues(const QVector<SeriesPoint>& points);

// A y range that ignores outliers, computed per series: the values between the `quantile`
// and 1 - `quantile` ranks (nearest rank, at least one value trimmed at each end once there
// are five or more), widened by `margin` times its span on each side. Non-finite values are
// ignored; with fewer than five values the full range is used. A flat series gets a small
// span around its value. `valid` is false when there is no finite value.
struct YRange {
  double lower = 0;
  double upper = 0;
  bool valid = false;
};
YRange robustRange(const QVector<double>& values, double quantile = 0.01, double margin = 0.05);
// The full range of the finite values, also widened by `margin`.
YRange fullRange(const QVector<double>& values, double margin = 0.05);
// The smallest range holding both; an invalid side is ignored.
YRange unite(const YRange& a, const YRange& b);

}  // namespace twb

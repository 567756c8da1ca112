#include "plots/DenseDecimation.h"

#include <algorithm>
#include <cmath>

#include "plots/PixelBuckets.h"
#include "plots/SpanPyramid.h"

namespace twb {

namespace {

// The band and line of [first, last): the two ends as envelopeBand (finite only) and
// meanDecimate (always) keep them, and between them one entry per bucket that
// sumBuckets(take, x, y, lineY) hands to take as BucketSums.
template <typename SumBuckets>
void decimateWith(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                  int first, int last, int pixels, Band* band, XYSeries* line,
                  SumBuckets sumBuckets) {
  pixels = std::max(pixels, 1);
  *band = {};
  *line = {};
  if (last <= first) return;
  band->x.reserve(pixels + 2);
  band->lower.reserve(pixels + 2);
  band->upper.reserve(pixels + 2);
  line->x.reserve(pixels + 2);
  line->y.reserve(pixels + 2);
  auto addBand = [&](double at, double lower, double upper) {
    band->x.push_back(at);
    band->lower.push_back(lower);
    band->upper.push_back(upper);
  };
  if (std::isfinite(y[first])) addBand(x[first], y[first], y[first]);
  line->x.push_back(x[first]);
  line->y.push_back(lineY[first]);
  const auto take = [&](const BucketSums& s) {
    if (s.count > 0) addBand(s.sumX / s.count, s.low, s.high);
    if (s.lineCount > 0) {
      line->x.push_back(s.lineSumX / s.lineCount);
      line->y.push_back(s.lineSumY / s.lineCount);
    }
  };
  sumBuckets(take, x.constData(), y.constData(), lineY.constData());
  if (last - first > 1 && std::isfinite(y[last - 1]))
    addBand(x[last - 1], y[last - 1], y[last - 1]);
  line->x.push_back(x[last - 1]);
  line->y.push_back(lineY[last - 1]);
}

}  // namespace

void decimateDense(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                   int first, int last, int pixels, Band* band, XYSeries* line) {
  decimateWith(x, y, lineY, first, last, pixels, band, line,
               [&](auto take, const double* xs, const double* ys, const double* ls) {
                 forEachBucket(x, first + 1, last - 1, std::max(pixels, 1), [&](int from, int to) {
                   BucketSums s;
                   for (int i = from; i < to; ++i) s.add(xs[i], ys[i], ls[i]);
                   take(s);
                 });
               });
}

void decimateDense(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                   const SpanPyramid& pyramid, int first, int last, int pixels, Band* band,
                   XYSeries* line) {
  decimateWith(x, y, lineY, first, last, pixels, band, line,
               [&](auto take, const double* xs, const double* ys, const double* ls) {
                 forEachBucketSorted(
                     x, first + 1, last - 1, std::max(pixels, 1), [&](int from, int to) {
                       // Buckets of about this size follow: ask for the third one on while summing
                       // this one.
                       const int size = to - from;
                       const int ahead = std::min(to + 2 * size, last - 1);
                       pyramid.prefetch(xs, ys, ls, ahead, std::min(ahead + size, last - 1));
                       take(pyramid.sums(xs, ys, ls, from, to));
                     });
               });
}

}  // namespace twb

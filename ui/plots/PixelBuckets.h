// PixelBuckets: how decimation cuts x-sorted points into one bucket per pixel, and what it sums.
#pragma once

#include <QVector>
#include <algorithm>
#include <cmath>

namespace twb {

namespace detail {

// The first index in [i, end) whose x is not below `edge`, for non-decreasing x without NaN:
// a galloping search around i + hint (the previous bucket's size), so with evenly spaced x a
// bucket costs a look or two, and at worst about 2 log2(its points).
inline int firstNotBelow(const double* x, int i, int end, double edge, int hint) {
  if (i >= end || !(x[i] < edge)) return i;
  int low = i;     // x[low] < edge
  int high = end;  // the answer is in (low, high]
  const int probe = i + std::max(hint, 1);
  int step = 1;
  if (probe < end && x[probe] < edge) {
    low = probe;
    while (low + step < end && x[low + step] < edge) {
      low += step;
      step *= 2;
    }
    high = std::min(end, low + step);
  } else {
    high = std::min(probe, end);
    while (high - step > low && !(x[high - step] < edge)) {
      high -= step;
      step *= 2;
    }
    low = std::max(low, high - step);
  }
  return static_cast<int>(std::lower_bound(x + low + 1, x + high, edge) - x);
}

// forEachBucket's walk; `sorted` finds each bucket's end by search instead of point by point.
template <bool sorted, typename Visit>
void cutBuckets(const QVector<double>& x, int begin, int end, int pixels, Visit visit) {
  if (begin >= end) return;
  const double x0 = x[begin];
  const double span = x[end - 1] - x0;
  const double* xs = x.constData();
  int i = begin;
  int previous = 1;  // the last bucket's size
  for (int bucket = 0; bucket < pixels && i < end; ++bucket) {
    const double edge = x0 + span * (bucket + 1) / pixels;
    const int first = i;
    if (bucket == pixels - 1) {
      i = end;
    } else if (sorted) {
      i = firstNotBelow(xs, i, end, edge, bucket == 0 ? 1 : previous);
    } else {
      while (i < end && xs[i] < edge) ++i;
    }
    if (i > first) visit(first, i);
    previous = std::max(i - first, 1);
  }
}

}  // namespace detail

// Cuts the indices [begin, end) of x-sorted points into `pixels` buckets of equal x width and
// calls visit(first, last) for each non-empty one ([first, last) indices). The last bucket
// takes whatever is left, so rounding never drops a point.
template <typename Visit>
void forEachBucket(const QVector<double>& x, int begin, int end, int pixels, Visit visit) {
  detail::cutBuckets<false>(x, begin, end, pixels, visit);
}

// The same buckets, found by search rather than by stepping over every point: only for x that
// is non-decreasing and has no NaN (where both give the same cuts).
template <typename Visit>
void forEachBucketSorted(const QVector<double>& x, int begin, int end, int pixels, Visit visit) {
  detail::cutBuckets<true>(x, begin, end, pixels, visit);
}

// What one bucket of a dense series adds up, over its finite values: for the band the extremes
// of y and the x sum, for the mean line the sums of x and of the line's y. The extremes are
// the first of equal values (std::min and std::max keep the left one), so merging the sums of
// consecutive runs in order gives the same extremes, bit for bit, as adding every point.
struct BucketSums {
  double low = 0;
  double high = 0;
  double sumX = 0;
  double lineSumX = 0;
  double lineSumY = 0;
  int count = 0;
  int lineCount = 0;

  void add(double x, double y, double line) {
    if (std::isfinite(y)) {
      sumX += x;
      low = count == 0 ? y : std::min(low, y);
      high = count == 0 ? y : std::max(high, y);
      ++count;
    }
    if (std::isfinite(line)) {
      lineSumX += x;
      lineSumY += line;
      ++lineCount;
    }
  }
  // The sums of the run that follows this one.
  void merge(const BucketSums& next) {
    if (next.count > 0) {
      sumX += next.sumX;
      low = count == 0 ? next.low : std::min(low, next.low);
      high = count == 0 ? next.high : std::max(high, next.high);
      count += next.count;
    }
    lineSumX += next.lineSumX;
    lineSumY += next.lineSumY;
    lineCount += next.lineCount;
  }
};

}  // namespace twb

// PixelBuckets: how decimation cuts x-sorted points into one bucket per pixel.
#pragma once

#include <QVector>

namespace twb {

// Cuts the indices [begin, end) of x-sorted points into `pixels` buckets of equal x width and
// calls visit(first, last) for each non-empty one ([first, last) indices). The last bucket
// takes whatever is left, so rounding never drops a point.
template <typename Visit>
void forEachBucket(const QVector<double>& x, int begin, int end, int pixels, Visit visit) {
  if (begin >= end) return;
  const double x0 = x[begin];
  const double span = x[end - 1] - x0;
  int i = begin;
  for (int bucket = 0; bucket < pixels && i < end; ++bucket) {
    const double edge = x0 + span * (bucket + 1) / pixels;
    const int first = i;
    while (i < end && (bucket == pixels - 1 || x[i] < edge)) ++i;
    if (i > first) visit(first, i);
  }
}

}  // namespace twb

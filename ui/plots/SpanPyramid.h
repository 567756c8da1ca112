// SpanPyramid: a series' bucket sums per block of points, so a pixel costs log(points), not all.
#pragma once

#include <QVector>
#include <vector>

#include "plots/PixelBuckets.h"

namespace twb {

// Level 0 holds the BucketSums of every full block of kBlock points, level L of every full run
// of 2^L blocks, each the in-order merge of the two below. The sums of points [from, to) are
// the points before the first block boundary one by one, then the largest aligned runs that
// fit, then the points after the last boundary: about kBlock points and 2 log2(blocks) runs.
// Built once from the columns and extended as points are appended, like SeriesColumns.
//
// The extremes (and counts) equal adding every point, bit for bit: min and max do not round.
// The sums do round, and a run's sum is added as one number where adding every point rounds
// after each, so a mean may differ from the point-by-point one in its last bits: both are
// within (points - 1) * epsilon * (their absolute sum) of the exact sum. Sums of integers
// (x as a step) are exact either way.
class SpanPyramid {
 public:
  static constexpr int kBlock = 16;

  // Forgets the blocks that hold any point from index `from` on (those points changed).
  void truncate(int from);
  // Adds the blocks that the columns (of equal length) now fill; kept blocks are not redone.
  void extend(const QVector<double>& x, const QVector<double>& y, const QVector<double>& line);
  void clear() { levels_.clear(); }
  // The sums of points [from, to) of the columns the pyramid was built from.
  BucketSums sums(const double* x, const double* y, const double* line, int from, int to) const;
  // Asks the memory for what sums(from, to) will read, so a walk over the buckets that calls
  // it a few buckets ahead waits for memory once per several buckets, not on every block.
  void prefetch(const double* x, const double* y, const double* line, int from, int to) const;
  // Bytes held, for the memory it costs next to the columns.
  qsizetype bytes() const;

 private:
  std::vector<std::vector<BucketSums>> levels_;
};

}  // namespace twb

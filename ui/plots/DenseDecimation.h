// DenseDecimation: a dense series' per-pixel band and mean line, cut from its columns in one pass.
#pragma once

#include <QVector>

#include "plots/SeriesMath.h"

namespace twb {

class SpanPyramid;

// The points [first, last) of x-sorted columns, decimated for `pixels` without copying them
// out: `band` equals envelopeBand and `line` meanDecimate of that slice (of `lineY`, the
// smoothed or the raw y), number for number, from one walk over the buckets instead of two.
// Only for a dense slice: more than 2 * pixels points.
void decimateDense(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                   int first, int last, int pixels, Band* band, XYSeries* line);
// The same buckets summed from `pyramid` (built over these x, y and lineY), for x that is
// non-decreasing and has no NaN: about pixels * log(points) work instead of every point. The
// band's extremes and every count are equal bit for bit; its x and the line's means may
// differ in their last bits (SpanPyramid says why and how far).
void decimateDense(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                   const SpanPyramid& pyramid, int first, int last, int pixels, Band* band,
                   XYSeries* line);

}  // namespace twb

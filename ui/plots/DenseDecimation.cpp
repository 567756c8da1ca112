#include "plots/DenseDecimation.h"

#include <algorithm>
#include <cmath>

#include "plots/PixelBuckets.h"

namespace twb {

void decimateDense(const QVector<double>& x, const QVector<double>& y, const QVector<double>& lineY,
                   int first, int last, int pixels, Band* band, XYSeries* line) {
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
  const double* xs = x.constData();
  const double* ys = y.constData();
  const double* ls = lineY.constData();
  // The ends as envelopeBand (finite only) and meanDecimate (always) keep them.
  if (std::isfinite(ys[first])) addBand(xs[first], ys[first], ys[first]);
  line->x.push_back(xs[first]);
  line->y.push_back(ls[first]);
  forEachBucket(x, first + 1, last - 1, pixels, [&](int from, int to) {
    double sumX = 0, lowest = 0, highest = 0;
    int count = 0;
    double lineSumX = 0, lineSumY = 0;
    int lineCount = 0;
    for (int i = from; i < to; ++i) {
      const double xi = xs[i];
      const double yi = ys[i];
      if (std::isfinite(yi)) {
        sumX += xi;
        lowest = count == 0 ? yi : std::min(lowest, yi);
        highest = count == 0 ? yi : std::max(highest, yi);
        ++count;
      }
      const double li = ls[i];
      if (std::isfinite(li)) {
        lineSumX += xi;
        lineSumY += li;
        ++lineCount;
      }
    }
    if (count > 0) addBand(sumX / count, lowest, highest);
    if (lineCount > 0) {
      line->x.push_back(lineSumX / lineCount);
      line->y.push_back(lineSumY / lineCount);
    }
  });
  if (last - first > 1 && std::isfinite(ys[last - 1]))
    addBand(xs[last - 1], ys[last - 1], ys[last - 1]);
  line->x.push_back(xs[last - 1]);
  line->y.push_back(ls[last - 1]);
}

}  // namespace twb

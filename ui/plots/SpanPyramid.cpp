#include "plots/SpanPyramid.h"

#include <algorithm>

namespace twb {

namespace {

// The level of the largest run that starts at `block` and ends by `endBlock`.
int runLevel(int block, int endBlock, int levels) {
  int level = 0;
  while (level + 1 < levels && block % (2 << level) == 0 && block + (2 << level) <= endBlock)
    ++level;
  return level;
}

}  // namespace

void SpanPyramid::truncate(int from) {
  qsizetype points = kBlock;  // per node of the level
  for (std::vector<BucketSums>& level : levels_) {
    level.resize(std::min<qsizetype>(static_cast<qsizetype>(level.size()), from / points));
    points *= 2;
  }
}

void SpanPyramid::extend(const QVector<double>& x, const QVector<double>& y,
                         const QVector<double>& line) {
  const qsizetype blocks = std::min({x.size(), y.size(), line.size()}) / kBlock;
  if (levels_.empty()) levels_.emplace_back();
  std::vector<BucketSums>& base = levels_.front();
  if (base.empty()) base.reserve(blocks);  // a first build; appends then grow it
  for (qsizetype b = static_cast<qsizetype>(base.size()); b < blocks; ++b) {
    BucketSums block;
    for (qsizetype i = b * kBlock; i < (b + 1) * kBlock; ++i) block.add(x[i], y[i], line[i]);
    base.push_back(block);
  }
  for (std::size_t level = 1; levels_[level - 1].size() >= 2; ++level) {
    if (level == levels_.size()) levels_.emplace_back();
    const std::vector<BucketSums>& below = levels_[level - 1];
    std::vector<BucketSums>& here = levels_[level];
    for (std::size_t k = here.size(); 2 * k + 1 < below.size(); ++k) {
      BucketSums run = below[2 * k];
      run.merge(below[2 * k + 1]);
      here.push_back(run);
    }
  }
}

void SpanPyramid::prefetch(const double* x, const double* y, const double* line, int from,
                           int to) const {
  if (from >= to) return;
  for (const double* column : {x, y, line}) {
    __builtin_prefetch(column + from);
    __builtin_prefetch(column + std::min(to - 1, from + kBlock - 1));
    __builtin_prefetch(column + to - 1);
    __builtin_prefetch(column + std::max(from, to - kBlock));
  }
  const int built = levels_.empty() ? 0 : static_cast<int>(levels_.front().size());
  const int endBlock = std::min(to / kBlock, built);
  const int levels = static_cast<int>(levels_.size());
  for (int block = std::min((from + kBlock - 1) / kBlock, built); block < endBlock;) {
    const int level = runLevel(block, endBlock, levels);
    __builtin_prefetch(&levels_[level][block >> level]);
    block += 1 << level;
  }
}

BucketSums SpanPyramid::sums(const double* x, const double* y, const double* line, int from,
                             int to) const {
  BucketSums out;
  const int built = levels_.empty() ? 0 : static_cast<int>(levels_.front().size());
  int firstBlock = std::min((from + kBlock - 1) / kBlock, built);
  const int endBlock = std::min(to / kBlock, built);
  if (firstBlock >= endBlock) {  // no whole block inside: point by point
    for (int i = from; i < to; ++i) out.add(x[i], y[i], line[i]);
    return out;
  }
  for (int i = from; i < firstBlock * kBlock; ++i) out.add(x[i], y[i], line[i]);
  // Left to right, each time the largest run that starts here and ends by endBlock.
  const int levels = static_cast<int>(levels_.size());
  for (int block = firstBlock; block < endBlock;) {
    const int level = runLevel(block, endBlock, levels);
    out.merge(levels_[level][block >> level]);
    block += 1 << level;
  }
  for (int i = endBlock * kBlock; i < to; ++i) out.add(x[i], y[i], line[i]);
  return out;
}

qsizetype SpanPyramid::bytes() const {
  qsizetype total = 0;
  for (const std::vector<BucketSums>& level : levels_)
    total += static_cast<qsizetype>(level.capacity() * sizeof(BucketSums));
  return total;
}

}  // namespace twb

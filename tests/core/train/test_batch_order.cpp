// Length bucketing: every row once per epoch, far less padding, and batches still in random order.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "common/SplitMix64.h"
#include "train/BatchOrder.h"

using namespace twb;

namespace {

// Sentence-like lengths: mostly short, a long tail (5 to 120 tokens), fixed by the seed.
std::vector<int> skewedLengths(size_t n, uint64_t seed) {
  SplitMix64 random(seed);
  std::vector<int> lengths;
  for (size_t i = 0; i < n; ++i) {
    const double u = (random.below(1000000) + 0.5) / 1e6;
    lengths.push_back(std::min(120, 5 + static_cast<int>(-12.0 * std::log(u))));
  }
  return lengths;
}

// Spearman's rank correlation of batch position and the batch's longest text.
double positionLengthCorrelation(const std::vector<int>& lengths,
                                 const std::vector<std::vector<size_t>>& batches) {
  std::vector<double> longest;
  for (const auto& batch : batches) {
    int m = 0;
    for (size_t row : batch) m = std::max(m, lengths[row]);
    longest.push_back(m);
  }
  const size_t n = longest.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return longest[a] < longest[b]; });
  std::vector<double> rank(n);
  for (size_t i = 0; i < n;) {  // average ranks over ties
    size_t j = i;
    while (j + 1 < n && longest[order[j + 1]] == longest[order[i]]) ++j;
    for (size_t k = i; k <= j; ++k) rank[order[k]] = (i + j) / 2.0;
    i = j + 1;
  }
  const double mean = (n - 1) / 2.0;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (i - mean) * (rank[i] - mean);
    sxx += (i - mean) * (i - mean);
    syy += (rank[i] - mean) * (rank[i] - mean);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

class BatchOrderTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void everyRowIsInExactlyOneBatch() {
    for (bool bucketing : {false, true})
      for (size_t n : {0, 1, 31, 32, 33, 1600, 4001}) {
        const std::vector<int> lengths = skewedLengths(n, n + 1);
        const auto batches = epochBatches(lengths, 32, 7, 2, bucketing);
        QCOMPARE(batches.size(), (n + 31) / 32);
        std::multiset<size_t> seen;
        size_t partial = 0;
        for (const auto& batch : batches) {
          QVERIFY(!batch.empty() && batch.size() <= 32);
          partial += batch.size() < 32;
          seen.insert(batch.begin(), batch.end());
        }
        QVERIFY(partial <= 1);
        QCOMPARE(seen.size(), n);
        QCOMPARE(std::set<size_t>(seen.begin(), seen.end()).size(), n);
      }
  }

  void withoutBucketingTheEpochIsTheShuffleCut() {
    const std::vector<int> lengths = skewedLengths(100, 3);
    const auto batches = epochBatches(lengths, 16, 5, 1, false);
    std::vector<size_t> joined;
    for (const auto& batch : batches) joined.insert(joined.end(), batch.begin(), batch.end());
    QCOMPARE(joined, shuffledOrder(100, 5, 1));
  }

  void bucketingCutsPaddingOnSkewedLengths() {
    const std::vector<int> lengths = skewedLengths(4000, 11);
    const long tokens = std::accumulate(lengths.begin(), lengths.end(), 0L);
    const long plain = paddingTokens(lengths, epochBatches(lengths, 32, 1, 0, false));
    const long bucketed = paddingTokens(lengths, epochBatches(lengths, 32, 1, 0, true));
    // Per-batch padding on these lengths costs about as many tokens as the texts themselves;
    // bucketing leaves a few percent.
    QVERIFY2(plain > tokens / 2, qPrintable(QString::number(plain)));
    QVERIFY2(bucketed * 10 < plain,
             qPrintable(QStringLiteral("plain %1, bucketed %2").arg(plain).arg(bucketed)));
  }

  void bucketedBatchesStayInRandomOrder() {
    const std::vector<int> lengths = skewedLengths(6400, 13);  // 200 batches of 32, 4 pools
    const auto first = epochBatches(lengths, 32, 1, 0, true);
    // Sorted pools cut in order would put short batches first (correlation near 1).
    const double rho = positionLengthCorrelation(lengths, first);
    QVERIFY2(std::abs(rho) < 0.25, qPrintable(QString::number(rho)));
    // Each epoch and each seed has its own batches; the same pair has the same ones.
    QVERIFY(first != epochBatches(lengths, 32, 1, 1, true));
    QVERIFY(first != epochBatches(lengths, 32, 2, 0, true));
    QCOMPARE(first, epochBatches(lengths, 32, 1, 0, true));
    // Which texts meet changes too: the first row's batch-mates differ between epochs.
    auto mates = [&](const std::vector<std::vector<size_t>>& batches) {
      for (const auto& batch : batches)
        if (std::find(batch.begin(), batch.end(), size_t{0}) != batch.end())
          return std::set<size_t>(batch.begin(), batch.end());
      return std::set<size_t>();
    };
    QVERIFY(mates(first) != mates(epochBatches(lengths, 32, 1, 1, true)));
  }
};

QTEST_APPLESS_MAIN(BatchOrderTest)
#include "test_batch_order.moc"

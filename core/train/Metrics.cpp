#include "train/Metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace twb::metrics {

double accuracy(const std::vector<int>& predicted, const std::vector<int>& gold) {
  if (gold.empty()) return NAN;
  size_t right = 0;
  for (size_t i = 0; i < gold.size(); ++i) right += predicted[i] == gold[i];
  return static_cast<double>(right) / gold.size();
}

double macroF1(const std::vector<int>& predicted, const std::vector<int>& gold) {
  if (gold.empty()) return NAN;
  std::set<int> classes(gold.begin(), gold.end());
  classes.insert(predicted.begin(), predicted.end());
  double sum = 0;
  for (int c : classes) {
    double tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      tp += predicted[i] == c && gold[i] == c;
      fp += predicted[i] == c && gold[i] != c;
      fn += predicted[i] != c && gold[i] == c;
    }
    sum += tp == 0 ? 0.0 : 2 * tp / (2 * tp + fp + fn);
  }
  return sum / classes.size();
}

double mean(const std::vector<double>& v) {
  return v.empty() ? NAN : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}

double sampleSd(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / (v.size() - 1));
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() < 2 || x.size() != y.size()) return NAN;
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return (sxx == 0 || syy == 0) ? NAN : sxy / std::sqrt(sxx * syy);
}

std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> r(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double average = (i + j) / 2.0 + 1;  // 1-based ranks, ties share their mean
    for (size_t k = i; k <= j; ++k) r[order[k]] = average;
    i = j + 1;
  }
  return r;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  return pearson(ranks(x), ranks(y));
}

double retrievalAccuracyAt1(const std::vector<std::vector<double>>& similarity) {
  if (similarity.empty()) return NAN;
  size_t right = 0;
  for (size_t i = 0; i < similarity.size(); ++i) {
    const auto& row = similarity[i];
    const auto best = std::max_element(row.begin(), row.end()) - row.begin();
    right += static_cast<size_t>(best) == i;
  }
  return static_cast<double>(right) / similarity.size();
}

}  // namespace twb::metrics

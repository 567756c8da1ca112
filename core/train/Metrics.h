// Metrics: the scores the workbench reports: accuracy, macro-F1, Pearson, Spearman, retrieval@1.
#pragma once

#include <vector>

namespace twb::metrics {

double accuracy(const std::vector<int>& predicted, const std::vector<int>& gold);
// Unweighted mean of per-class F1 over the classes present in gold or predicted.
double macroF1(const std::vector<int>& predicted, const std::vector<int>& gold);
double pearson(const std::vector<double>& x, const std::vector<double>& y);
// Pearson over ranks, ties given their average rank.
double spearman(const std::vector<double>& x, const std::vector<double>& y);
std::vector<double> ranks(const std::vector<double>& values);
// similarity[i][j] between query i and candidate j; the right candidate of query i is i.
double retrievalAccuracyAt1(const std::vector<std::vector<double>>& similarity);

double mean(const std::vector<double>& values);
// Sample standard deviation (n - 1); 0 for fewer than two values.
double sampleSd(const std::vector<double>& values);

}  // namespace twb::metrics

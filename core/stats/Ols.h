// Ols: ordinary least squares with an intercept, coefficients with standard errors and p, for
// the small confounder tables (Δ ~ distance + log pretraining share + pool size).
#pragma once

#include <vector>

#include "stats/Summary.h"

namespace twb::stats {

struct OlsResult {
  int n = 0;
  // Intercept first, then one per predictor column, in the order given.
  std::vector<double> coefficients;
  std::vector<double> standardErrors;
  std::vector<double> p;  // two-sided t-test of each coefficient, df = n − k − 1
  std::vector<double> residuals;
  double r2 = kNaN;
  bool valid() const { return !coefficients.empty(); }
};

// y ~ 1 + columns (each column as long as y; no NaN). Invalid (empty) when there are no more
// rows than coefficients or the predictors are collinear.
OlsResult olsFit(const std::vector<double>& y, const std::vector<std::vector<double>>& columns);

}  // namespace twb::stats

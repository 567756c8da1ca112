#include "stats/Ols.h"

#include <Eigen/Dense>
#include <cmath>

#include "stats/Distributions.h"

namespace twb::stats {

OlsResult olsFit(const std::vector<double>& y, const std::vector<std::vector<double>>& columns) {
  OlsResult result;
  const Eigen::Index n = static_cast<Eigen::Index>(y.size());
  const Eigen::Index k = static_cast<Eigen::Index>(columns.size()) + 1;
  result.n = static_cast<int>(n);
  if (n <= k) return result;
  Eigen::MatrixXd x(n, k);
  Eigen::VectorXd target(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = 1;
    target(i) = y[size_t(i)];
    for (Eigen::Index j = 1; j < k; ++j) x(i, j) = columns[size_t(j - 1)][size_t(i)];
  }
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  if (qr.rank() < k) return result;  // collinear predictors: no unique fit
  const Eigen::VectorXd beta = qr.solve(target);
  const Eigen::VectorXd residuals = target - x * beta;
  const double df = double(n - k);
  const double sigma2 = residuals.squaredNorm() / df;
  const Eigen::MatrixXd covariance = sigma2 * (x.transpose() * x).inverse();
  const double mean = target.mean();
  const double total = (target.array() - mean).square().sum();
  result.r2 = total > 0 ? 1 - residuals.squaredNorm() / total : kNaN;
  for (Eigen::Index j = 0; j < k; ++j) {
    const double se = std::sqrt(covariance(j, j));
    result.coefficients.push_back(beta(j));
    result.standardErrors.push_back(se);
    result.p.push_back(se > 0 ? tTwoSidedP(beta(j) / se, df) : kNaN);
  }
  result.residuals.assign(residuals.data(), residuals.data() + n);
  return result;
}

}  // namespace twb::stats

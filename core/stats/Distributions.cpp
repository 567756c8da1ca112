#include "stats/Distributions.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace twb::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double tQuantile(double probability, double df) {
  if (!(df > 0) || !(probability > 0 && probability < 1)) return kNaN;
  return boost::math::quantile(boost::math::students_t(df), probability);
}

double tTwoSidedP(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(t)) return 0;
  return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), std::abs(t)));
}

double binomialAtLeastP(int k, int n, double chance) {
  if (n <= 0 || k < 0 || k > n || !(chance >= 0 && chance <= 1)) return kNaN;
  if (k == 0) return 1;
  // P(X >= k) = 1 - P(X <= k - 1), taken as a complement so small tails keep their precision.
  return boost::math::cdf(
      boost::math::complement(boost::math::binomial(n, chance), static_cast<double>(k - 1)));
}

double pairedTPower(double effect, int n, double alpha) {
  if (n < 2 || std::isnan(effect)) return kNaN;
  const double df = n - 1;
  const double critical = tQuantile(1 - alpha / 2, df);
  const double shift = std::abs(effect) * std::sqrt(static_cast<double>(n));
  if (shift == 0) return alpha;
  const boost::math::non_central_t dist(df, shift);
  return boost::math::cdf(boost::math::complement(dist, critical)) +
         boost::math::cdf(dist, -critical);
}

}  // namespace twb::stats

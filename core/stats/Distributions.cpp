#include "stats/Distributions.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <exception>
#include <limits>

namespace twb::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Boost.Math throws where a value cannot be represented (a noncentrality of 1e31 from a spread
// of rounding noise); a statistic that cannot be computed is NaN, never a crash.
template <typename Fn>
double orNaN(Fn fn) {
  try {
    return fn();
  } catch (const std::exception&) {
    return kNaN;
  }
}

}  // namespace

double tQuantile(double probability, double df) {
  if (!(df > 0) || !(probability > 0 && probability < 1)) return kNaN;
  return orNaN([&] { return boost::math::quantile(boost::math::students_t(df), probability); });
}

double tTwoSidedP(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  if (std::isinf(t)) return 0;
  return orNaN([&] {
    return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), std::abs(t)));
  });
}

double binomialAtLeastP(int k, int n, double chance) {
  if (n <= 0 || k < 0 || k > n || !(chance >= 0 && chance <= 1)) return kNaN;
  if (k == 0) return 1;
  // P(X >= k) = 1 - P(X <= k - 1), taken as a complement so small tails keep their precision.
  return orNaN([&] {
    return boost::math::cdf(
        boost::math::complement(boost::math::binomial(n, chance), static_cast<double>(k - 1)));
  });
}

double pairedTPower(double effect, int n, double alpha) {
  if (n < 2 || std::isnan(effect)) return kNaN;
  const double df = n - 1;
  const double critical = tQuantile(1 - alpha / 2, df);
  const double shift = std::abs(effect) * std::sqrt(static_cast<double>(n));
  if (shift == 0) return alpha;
  // Past a shift of 40 standard errors the test cannot miss (power 1 to double precision), and
  // the non-central t cannot be evaluated for the huge shifts a near-zero sd gives.
  if (shift > 40 + critical) return 1.0;
  return orNaN([&] {
    const boost::math::non_central_t dist(df, shift);
    return boost::math::cdf(boost::math::complement(dist, critical)) +
           boost::math::cdf(dist, -critical);
  });
}

}  // namespace twb::stats

// Distributions: the t, non-central t and binomial tail functions behind every interval and p.
#pragma once

namespace twb::stats {

// Quantile of Student's t with df degrees of freedom (df > 0), e.g. tQuantile(0.975, 4).
double tQuantile(double probability, double df);
// Two-sided p of a t statistic: P(|T| >= |t|) under Student's t with df degrees of freedom.
double tTwoSidedP(double t, double df);
// P(X >= k) for X ~ Binomial(n, chance): the exact one-sided test that a score beats chance.
double binomialAtLeastP(int k, int n, double chance);
// Power of the two-sided one-sample (paired) t-test at level alpha for a standardized effect
// d = |Δ| / sd with n pairs: P(|T| > t_crit) with T ~ non-central t(n - 1, d·√n).
double pairedTPower(double effect, int n, double alpha = 0.05);

}  // namespace twb::stats

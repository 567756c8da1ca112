#!/usr/bin/python3
"""Reference values for the workbench's statistics, computed with Debian's python3-scipy and
python3-statsmodels on fixed vectors. Prints one JSON object; tests/core/stats/test_stats_reference
computes the same quantities in C++ and compares.

Each case carries its inputs and what scipy / statsmodels say. Sampled quantities (permutation p
with 9,999 permutations, bootstrap intervals) come with the tolerance a Monte Carlo estimate has.
"""
import json
import math
import sys

import numpy as np
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import TTestPower
from statsmodels.tools import add_constant


def nan_to_none(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def paired_cases():
    """Δ over seeds: mean, sd, t interval, paired t-test, exact sign-flip p, d_z."""
    rng = np.random.default_rng(7)
    cases = []
    vectors = [
        ([0.70, 0.72], [0.74, 0.73]),
        ([0.61, 0.66, 0.58], [0.64, 0.70, 0.61]),
        ([0.80, 0.78, 0.83, 0.79, 0.81], [0.79, 0.80, 0.80, 0.76, 0.80]),
    ]
    for n in (4, 7, 10, 13):
        base = rng.normal(0.7, 0.03, n)
        vectors.append((list(base), list(base + rng.normal(0.01, 0.02, n))))
    for base, transfer in vectors:
        b, t = np.array(base), np.array(transfer)
        d = t - b
        n = len(d)
        sd = d.std(ddof=1)
        half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
        flip = stats.permutation_test(
            (t, b), lambda x, y, axis: np.mean(x - y, axis=axis), permutation_type="samples",
            vectorized=True, n_resamples=np.inf, alternative="two-sided")
        cases.append({
            "baseline": list(b), "transfer": list(t),
            "mean": d.mean(), "sd": sd, "ci95": [d.mean() - half, d.mean() + half],
            "p": stats.ttest_rel(t, b).pvalue, "sign_flip_p": flip.pvalue,
            "dz": d.mean() / sd,
        })
    return cases


def holm_cases():
    cases = []
    for p in ([0.01, 0.04, 0.03, 0.20], [0.001, 0.001, 0.5, 0.049, 0.012, 0.3],
              [0.04], [0.9, 0.6, 0.02]):
        cases.append({"p": p, "adjusted": list(multipletests(p, method="holm")[1])})
    return cases


def correlation_cases():
    """Pearson, Spearman with ties, and permutation p on |r| (exact for n <= 8, else 9,999)."""
    rng = np.random.default_rng(11)
    cases = []
    data = [
        ([0.1, 0.4, 0.35, 0.8, 0.6], [0.02, 0.01, 0.03, -0.01, 0.0]),
        ([1, 2, 2, 3, 4, 4, 4, 5], [3, 1, 2, 2, 5, 4, 6, 6]),  # ties on both sides
        ([0.3, 0.1, 0.9, 0.5, 0.7, 0.2, 0.6], [0.5, 0.2, 0.8, 0.3, 0.9, 0.1, 0.4]),
    ]
    x = rng.uniform(0, 1, 20)
    data.append((list(x), list(0.4 * x + rng.normal(0, 0.2, 20))))
    for x, y in data:
        x, y = np.array(x, float), np.array(y, float)
        n = len(x)
        case = {"x": list(x), "y": list(y), "pearson": stats.pearsonr(x, y)[0],
                "spearman": stats.spearmanr(x, y).correlation}
        exact = math.factorial(n) <= 100000
        for name, fx, fy in (("pearson", x, y),
                             ("spearman", stats.rankdata(x), stats.rankdata(y))):
            def abs_r(a, fx=fx):
                return abs(np.corrcoef(fx, a)[0, 1])
            res = stats.permutation_test(
                (fy,), abs_r, permutation_type="pairings", vectorized=False,
                n_resamples=np.inf if exact else 9999, alternative="greater",
                random_state=np.random.default_rng(3))
            case[name + "_p"] = res.pvalue
        case["exact"] = exact
        # A sampled p is a binomial proportion: allow four standard errors and a floor.
        case["p_tolerance"] = 1e-9 if exact else max(
            0.002, 4 * math.sqrt(max(case["pearson_p"], 1e-4) * (1 - case["pearson_p"]) / 9999))
        cases.append(case)
    return cases


def bootstrap_cases():
    """Paired percentile bootstrap over examples for one seed (what scipy's bootstrap does)."""
    rng = np.random.default_rng(5)
    cases = []
    # Accuracy: per-example correctness of the two arms.
    base = (rng.uniform(size=60) < 0.6).astype(float)
    transfer = (rng.uniform(size=60) < 0.72).astype(float)
    res = stats.bootstrap((transfer - base,), np.mean, method="percentile", n_resamples=20000,
                          random_state=np.random.default_rng(1))
    cases.append({"metric": "mean", "baseline": list(base), "transfer": list(transfer),
                  "gold": [], "ci95": [res.confidence_interval.low,
                                       res.confidence_interval.high],
                  "tolerance": 1 / 60 + 0.005})  # one step of the accuracy grid
    # Pearson: predictions of two arms against gold scores.
    gold = rng.uniform(0, 5, 40)
    pb = gold + rng.normal(0, 2.0, 40)
    pt = gold + rng.normal(0, 1.2, 40)

    def delta(b, t, g):
        return stats.pearsonr(t, g)[0] - stats.pearsonr(b, g)[0]

    res = stats.bootstrap((pb, pt, gold), delta, paired=True, vectorized=False,
                          method="percentile", n_resamples=4000,
                          random_state=np.random.default_rng(2))
    cases.append({"metric": "pearson", "baseline": list(pb), "transfer": list(pt),
                  "gold": list(gold), "ci95": [res.confidence_interval.low,
                                               res.confidence_interval.high],
                  "tolerance": 0.02})
    return cases


def example_permutation_cases():
    """The paired permutation test over one seed's examples: scipy's exact permutation test of
    the mean difference (every sign pattern), which for 0/1 scores is McNemar's exact test."""
    rng = np.random.default_rng(13)
    cases = []
    for n, pb, pt in ((14, 0.5, 0.7), (12, 0.6, 0.62)):
        while True:
            base = (rng.uniform(size=n) < pb).astype(float)
            transfer = (rng.uniform(size=n) < pt).astype(float)
            if 0 < np.count_nonzero(transfer - base) <= 16:
                break
        res = stats.permutation_test(
            (transfer, base), lambda x, y, axis: np.mean(x - y, axis=axis),
            permutation_type="samples", vectorized=True, n_resamples=np.inf,
            alternative="two-sided")
        discordant = int(np.count_nonzero(transfer - base))
        wins = int(np.sum(transfer - base > 0))
        mcnemar = stats.binomtest(wins, discordant, 0.5).pvalue
        assert abs(res.pvalue - mcnemar) < 1e-12, (res.pvalue, mcnemar)
        cases.append({"baseline": list(base), "transfer": list(transfer), "p": res.pvalue})
    return cases


def binomial_cases():
    cases = []
    for k, n, chance in ((9, 20, 0.5), (15, 20, 0.5), (3, 57, 1 / 57), (1, 57, 1 / 57),
                         (40, 60, 0.55), (0, 10, 0.3)):
        cases.append({"k": k, "n": n, "chance": chance,
                      "p": stats.binomtest(k, n, chance, alternative="greater").pvalue})
    return cases


def power_cases():
    cases = []
    power = TTestPower()
    for n in (2, 3, 5, 10):
        d = power.solve_power(effect_size=None, nobs=n, alpha=0.05, power=0.8,
                              alternative="two-sided")
        cases.append({"n": n, "detectable_effect": float(d)})
    needed = []
    for d in (0.5, 1.0, 2.0, 3.5):
        nobs = power.solve_power(effect_size=d, nobs=None, alpha=0.05, power=0.8,
                                 alternative="two-sided")
        needed.append({"effect": d, "seeds": int(math.ceil(float(nobs) - 1e-9))})
    return {"detectable": cases, "needed": needed}


def partial_cases():
    """Partial correlation of x and y controlling for z (residuals of OLS on z), and the OLS
    table y ~ x + z."""
    rng = np.random.default_rng(9)
    n = 12
    z = rng.uniform(-3, 0, n)
    x = 0.5 * z + rng.normal(0, 0.3, n)
    y = 0.2 * x - 0.4 * z + rng.normal(0, 0.2, n)
    rx = OLS(x, add_constant(z)).fit().resid
    ry = OLS(y, add_constant(z)).fit().resid
    fit = OLS(y, add_constant(np.column_stack([x, z]))).fit()
    return [{"x": list(x), "y": list(y), "z": list(z), "partial_r": stats.pearsonr(rx, ry)[0],
             "ols_coefficients": list(fit.params), "ols_standard_errors": list(fit.bse),
             "ols_p": list(fit.pvalues)}]


def main():
    out = {"paired": paired_cases(), "holm": holm_cases(), "correlation": correlation_cases(),
           "example_permutation": example_permutation_cases(),
           "mcnemar_30_14": stats.binomtest(30, 44, 0.5).pvalue,
           "bootstrap": bootstrap_cases(), "binomial": binomial_cases(), "power": power_cases(),
           "partial": partial_cases()}
    json.dump(out, sys.stdout, default=float)


if __name__ == "__main__":
    main()

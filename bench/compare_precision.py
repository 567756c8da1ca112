#!/usr/bin/python3
"""Compares two run stores of the same experiment trained in two precisions, seed by seed.

For the intermediate stage: each seed's best dev accuracy; for every target run: its test
accuracy; per target and seed: the transfer gain. Prints the paired differences (first store minus second), their mean, SD, n, a 95%
t-interval, and the two one-sided tests of equivalence within a margin (default 0.5 points).

  usage: compare_precision.py A.sqlite B.sqlite [--margin 0.5]
"""
import sqlite3
import sys

from scipy import stats


def intermediate(db):
    q = ("SELECT s.seed, MAX(p.value) FROM stages s JOIN points p ON p.stage_id = s.id "
         "WHERE s.run_id IS NULL AND s.name LIKE 'intermediate%' AND p.name = 'dev_accuracy' "
         "GROUP BY s.seed")
    return {seed: 100 * v for seed, v in sqlite3.connect(db).execute(q)}


def targets(db):
    q = ("SELECT r.arm, r.target, r.seed, x.value FROM runs r JOIN results x ON x.run_id = r.id "
         "WHERE x.split = 'test' AND x.metric = 'accuracy'")
    return {(a, t, s): 100 * v for a, t, s, v in sqlite3.connect(db).execute(q)}


def gains(scores):
    """Per target and seed: the transfer arm's test accuracy minus the baseline's."""
    return {(t, s): v - scores[("baseline", t, s)] for (arm, t, s), v in scores.items()
            if arm == "transfer" and ("baseline", t, s) in scores}


def report(what, a, b, margin):
    keys = sorted(set(a) & set(b))
    d = [a[k] - b[k] for k in keys]
    n = len(d)
    if n < 2:
        print(f"{what}: {n} paired value(s), nothing to compare")
        return
    mean = sum(d) / n
    res = stats.ttest_1samp(d, 0.0)
    ci = res.confidence_interval(0.95)
    sd = stats.tstd(d)
    # TOST: equivalent within the margin when both one-sided tests reject at 5%.
    lower = stats.ttest_1samp(d, -margin, alternative="greater").pvalue
    upper = stats.ttest_1samp(d, margin, alternative="less").pvalue
    print(f"{what}: mean difference {mean:+.2f} points, SD {sd:.2f}, n = {n}, "
          f"95% CI {ci.low:+.2f} to {ci.high:+.2f}; equivalence within ±{margin}: "
          f"p = {max(lower, upper):.3f} ({'shown' if max(lower, upper) < 0.05 else 'not shown'})")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    margin = float(sys.argv[sys.argv.index("--margin") + 1]) if "--margin" in sys.argv else 0.5
    if len(args) < 2:
        print(__doc__)
        return 2
    a, b = args[0], args[1]
    ia, ib = intermediate(a), intermediate(b)
    for seed in sorted(set(ia) & set(ib)):
        print(f"  seed {seed}: intermediate dev accuracy {ia[seed]:.2f} vs {ib[seed]:.2f}")
    report("intermediate stage, best dev accuracy", ia, ib, margin)
    report("target runs, test accuracy", targets(a), targets(b), margin)
    report("transfer gain (transfer minus baseline test accuracy)", gains(targets(a)),
           gains(targets(b)), margin)
    return 0


if __name__ == "__main__":
    sys.exit(main())

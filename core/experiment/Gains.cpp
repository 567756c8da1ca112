#include "experiment/Gains.h"

#include <cmath>
#include <set>

#include "stats/Distributions.h"
#include "stats/PairedTest.h"

namespace twb {
namespace {

// One-sided p that a score beats chance: the exact binomial test for a share of trials (the
// mean score over seeds taken as one test part's successes, which does not count the seeds'
// overlapping test parts as independent), the t test of r > 0 for a correlation.
double beatsChanceP(double score, const TargetScores& t) {
  if (std::isnan(score) || std::isnan(t.chance) || t.chanceTrials <= 0) return stats::kNaN;
  if (t.exampleMetric() == stats::ExampleMetric::Pearson) {
    const int m = t.chanceTrials;
    if (m < 3) return stats::kNaN;
    if (score >= 1) return 0;
    const double tStat = score * std::sqrt((m - 2) / (1 - score * score));
    const double twoSided = stats::tTwoSidedP(tStat, m - 2);
    return tStat > 0 ? twoSided / 2 : 1 - twoSided / 2;
  }
  const int successes = static_cast<int>(std::lround(score * t.chanceTrials));
  return stats::binomialAtLeastP(std::clamp(successes, 0, t.chanceTrials), t.chanceTrials,
                                 t.chance);
}

// An arm's interval drawn inside the range its metric can take (accuracy cannot exceed 1).
MeanSd clipped(MeanSd s, const QString& metric) {
  if (!s.ci95.valid()) return s;
  const double low = metric == QLatin1String("pearson") ? -1 : 0;
  s.ci95 = {std::max(low, s.ci95.low), std::min(1.0, s.ci95.high)};
  return s;
}

TargetGain gainOf(const TargetScores& t, const GainOptions& options) {
  TargetGain g;
  g.target = t.target;
  g.metric = t.metric;
  std::set<int> seeds;
  for (const auto& [seed, v] : t.baseline) seeds.insert(seed);
  for (const auto& [seed, v] : t.transfer) seeds.insert(seed);
  g.seeds = static_cast<int>(seeds.size());

  std::vector<double> base, transfer, deltas;
  std::vector<stats::SeedExamples> examples;
  for (int seed : seeds) {
    const auto b = t.baseline.find(seed);
    const auto it = t.transfer.find(seed);
    if (b == t.baseline.end() || it == t.transfer.end()) {
      ++g.missingSeeds;
      continue;
    }
    if (std::isnan(b->second) || std::isnan(it->second)) {
      ++g.undefinedSeeds;
      continue;
    }
    base.push_back(b->second);
    transfer.push_back(it->second);
    deltas.push_back(it->second - b->second);
    g.deltaBySeed[seed] = it->second - b->second;
    if (const auto e = t.examples.find(seed); e != t.examples.end()) examples.push_back(e->second);
  }
  g.baseline = clipped(stats::summarize(base), t.metric);
  g.transfer = clipped(stats::summarize(transfer), t.metric);
  const stats::PairedResult paired = stats::pairedTest(deltas);
  g.delta = paired.delta;
  g.p = paired.p;
  g.signFlipP = paired.signFlipP;
  g.dz = paired.dz;
  if (g.baseline.n > 0 && g.baseline.mean != 0) g.relativeDelta = g.delta.mean / g.baseline.mean;
  g.detectableDelta = stats::detectableDelta(g.delta.sd, g.delta.n, kPower, kAlpha);

  // The bootstrap needs every paired seed's examples: a partial set would weigh seeds unevenly.
  if (!examples.empty() && examples.size() == deltas.size()) {
    const stats::BootstrapResult boot =
        stats::pairedBootstrap(examples, t.exampleMetric(), options.resamples, options.seed);
    g.ci95Examples = boot.ci95;
    // The verdict's test over examples: the paired permutation test (exact McNemar for one
    // seed's accuracy), which holds its level where the bootstrap's p does not (few examples
    // that differ between the arms).
    g.pExamples =
        stats::pairedPermutationP(examples, t.exampleMetric(), options.resamples, options.seed);
    g.testExamples = boot.examples;
  }
  g.chance = t.chance;
  g.chanceTrials = t.chanceTrials;
  g.baselineChanceP = beatsChanceP(g.baseline.mean, t);
  g.transferChanceP = beatsChanceP(g.transfer.mean, t);
  return g;
}

// The p the verdict rests on: seeds when there are enough to estimate their spread, else test
// examples; NaN (and a reason) when neither can say anything.
double verdictP(TargetGain& g) {
  if (g.delta.n >= 3 && !std::isnan(g.p)) {
    g.basis = QStringLiteral("seeds");
    return g.p;
  }
  if (!std::isnan(g.pExamples)) {
    g.basis = QStringLiteral("examples");
    return g.pExamples;
  }
  if (g.delta.n == 0 && g.undefinedSeeds > 0 && g.missingSeeds == 0)
    g.reason = QStringLiteral("every seed's score is undefined (e.g. constant predictions)");
  else if (g.delta.n == 0)
    g.reason = QStringLiteral("no seed has a defined score in both arms");
  else if (g.delta.n < 3)
    g.reason = QStringLiteral("%1 paired seed(s) and no per-example predictions").arg(g.delta.n);
  else
    g.reason = QStringLiteral("every seed gave the same Δ");
  return stats::kNaN;
}

}  // namespace

QString verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::Positive:
      return QStringLiteral("positive");
    case Verdict::Negative:
      return QStringLiteral("negative");
    case Verdict::Inconclusive:
      break;
  }
  return QStringLiteral("inconclusive");
}

bool TargetGain::atChance() const {
  auto notAbove = [](double p) { return !std::isnan(p) && p >= kAlpha; };
  return notAbove(baselineChanceP) && notAbove(transferChanceP);
}

QVector<TargetGain> computeGains(const std::vector<TargetScores>& targets,
                                 const GainOptions& options) {
  QVector<TargetGain> gains;
  std::vector<double> p;
  for (const TargetScores& t : targets) {
    gains.push_back(gainOf(t, options));
    p.push_back(verdictP(gains.back()));
  }
  const std::vector<double> adjusted = stats::holmAdjust(p);
  for (qsizetype i = 0; i < gains.size(); ++i) {
    TargetGain& g = gains[i];
    g.pAdjusted = adjusted[size_t(i)];
    if (std::isnan(g.pAdjusted)) continue;
    if (g.pAdjusted < kAlpha && g.delta.mean != 0 && g.atChance()) {
      // A difference between two guesses is no transfer, however reliable it is.
      g.reason = QStringLiteral("neither arm beats chance: Δ compares two guesses");
    } else if (g.pAdjusted < kAlpha && g.delta.mean != 0) {
      g.verdict = g.delta.mean > 0 ? Verdict::Positive : Verdict::Negative;
    } else {
      g.reason = QStringLiteral("Holm-adjusted p = %1 over %2 target(s)")
                     .arg(g.pAdjusted, 0, 'g', 2)
                     .arg(std::count_if(p.begin(), p.end(), [](double v) { return v == v; }));
    }
  }
  return gains;
}

int seedsFor(const TargetGain& gain, double effect) {
  return stats::seedsNeeded(effect, gain.delta.sd, kPower, kAlpha);
}

}  // namespace twb

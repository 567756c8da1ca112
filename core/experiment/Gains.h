// Gains: transfer gain per target with its uncertainty over seeds and test examples, a tested
// verdict and the power hint (torch-free; STATISTICS.md says what and why).
#pragma once

#include <QString>
#include <QVector>
#include <map>
#include <vector>

#include "stats/Bootstrap.h"
#include "stats/Summary.h"

namespace twb {

// Mean, sd (n - 1), n and the t interval over seeds.
using MeanSd = stats::Summary;

enum class Verdict { Positive, Negative, Inconclusive };
QString verdictName(Verdict verdict);  // positive | negative | inconclusive

// The level of every test and interval, and the power the hint is computed for.
constexpr double kAlpha = 0.05;
constexpr double kPower = 0.8;

struct TargetGain {
  QString target;
  QString language;  // the target's language, when known (cross-lingual targets)
  QString metric;    // the primary test metric: accuracy, pearson or retrieval
  // Both arms and Δ over the same paired seeds (seeds where both arms have a defined score).
  MeanSd baseline;
  MeanSd transfer;
  MeanSd delta;                        // transfer − baseline, its ci95 over seeds (t)
  std::map<int, double> deltaBySeed;   // the paired seeds' Δ
  double relativeDelta = stats::kNaN;  // mean Δ / mean baseline
  double p = stats::kNaN;              // paired t-test over seeds, two-sided
  double signFlipP = stats::kNaN;      // exact sign-flip permutation p (2^n <= 10,000)
  double dz = stats::kNaN;             // mean Δ / sd(Δ)
  // Over test examples, pooled across seeds: the paired bootstrap interval and the paired
  // permutation test's p.
  stats::Interval ci95Examples;
  double pExamples = stats::kNaN;
  int testExamples = 0;    // examples in a seed's test part (0: no per-example predictions)
  int seeds = 0;           // seeds with a stored score of either arm
  int missingSeeds = 0;    // of those, seeds where an arm has no score (failed, stopped, running)
  int undefinedSeeds = 0;  // seeds where both arms ran but a score is undefined (NaN)
  // The verdict: what it rests on ("seeds" with >= 3 paired seeds, else "examples"), its p
  // adjusted by Holm across the experiment's targets, and why it is inconclusive when it is.
  QString basis;
  double pAdjusted = stats::kNaN;
  Verdict verdict = Verdict::Inconclusive;
  QString reason;
  // Power hint: the smallest |Δ| a paired t-test with these seeds detects (80%, two-sided 5%),
  // from the observed sd of Δ; NaN with fewer than two seeds.
  double detectableDelta = stats::kNaN;
  // Chance: the score a guess gets (majority class share, 1 / pool for retrieval, r = 0), and
  // the one-sided exact test that each arm beats it (NaN when unknown).
  double chance = stats::kNaN;
  int chanceTrials = 0;  // what the score is a share of: test examples or retrieval items
  double baselineChanceP = stats::kNaN;
  double transferChanceP = stats::kNaN;
  // Neither arm is shown to beat chance: Δ compares two guesses.
  bool atChance() const;
};

// What one target stored: each arm's primary score by seed (NaN: undefined), and per-example
// values by seed for the seeds where both arms have them.
struct TargetScores {
  QString target;
  QString metric;
  std::map<int, double> baseline;
  std::map<int, double> transfer;
  // How the metric is computed from examples: Pearson from predictions, the others as a mean.
  stats::ExampleMetric exampleMetric() const {
    return metric == QLatin1String("pearson") ? stats::ExampleMetric::Pearson
                                              : stats::ExampleMetric::Mean;
  }
  std::map<int, stats::SeedExamples> examples;
  double chance = stats::kNaN;
  int chanceTrials = 0;
};

struct GainOptions {
  int resamples = stats::kBootstrapResamples;
  std::uint64_t seed = 1;  // of the bootstrap's generator
};

// Gains in the order given, with verdicts Holm-corrected across them.
QVector<TargetGain> computeGains(const std::vector<TargetScores>& targets,
                                 const GainOptions& options = {});

// How many seeds a paired t-test needs to detect |Δ| = effect with 80% power given the gain's
// observed sd of Δ; 0 when over 1,000, -1 when the sd is unknown or 0.
int seedsFor(const TargetGain& gain, double effect);

}  // namespace twb

#include "experiment/ExampleScores.h"

#include <algorithm>
#include <cmath>

#include "common/Vocabulary.h"

namespace twb {
namespace {

// One run's test part, example by example.
struct RunExamples {
  std::vector<double> gold;
  std::vector<double> predicted;
  std::vector<double> reverse;  // retrieval: language -> English
  std::vector<QString> hashes;
};

// The per-example value the metric averages (accuracy, retrieval) or the prediction (pearson).
std::vector<double> valuesOf(const RunExamples& run, const QString& metric) {
  std::vector<double> values(run.gold.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (metric == QLatin1String("pearson")) {
      values[i] = run.predicted[i];
    } else if (metric == QLatin1String("retrieval")) {
      const bool forward = run.predicted[i] == run.gold[i];
      const bool backward = i < run.reverse.size() && run.reverse[i] == run.gold[i];
      values[i] = (double(forward) + double(backward)) / 2;  // the mean of both directions
    } else {
      values[i] = run.predicted[i] == run.gold[i] ? 1 : 0;
    }
  }
  return values;
}

double majorityShare(const std::vector<double>& gold) {
  std::map<double, int> counts;
  for (double g : gold) ++counts[g];
  int most = 0;
  for (const auto& [label, count] : counts) most = std::max(most, count);
  return gold.empty() ? stats::kNaN : double(most) / gold.size();
}

}  // namespace

void addExamples(std::map<QString, TargetScores>& targets, const QHash<qint64, RunRecord>& runs,
                 const QVector<PredictionRecord>& predictions, const QHash<qint64, double>& items) {
  QHash<qint64, RunExamples> byRun;
  for (const PredictionRecord& p : predictions) {
    RunExamples& r = byRun[p.runId];
    if (p.part == QLatin1String("test")) {
      r.gold.push_back(p.gold);
      r.predicted.push_back(p.predicted);
      r.hashes.push_back(p.textHash);
    } else if (p.part == QLatin1String("test_reverse")) {
      r.reverse.push_back(p.predicted);
    }
  }
  // (target, seed) -> run id of each arm
  std::map<std::pair<QString, int>, std::pair<qint64, qint64>> armsOf;
  for (const RunRecord& run : runs) {
    auto& pair = armsOf[{run.target, run.seed}];
    (vocab::is(run.arm, vocab::Arm::Transfer) ? pair.second : pair.first) = run.id;
  }
  std::map<QString, std::vector<double>> chanceBySeed;
  std::map<QString, int> trials;
  for (const auto& [key, arms] : armsOf) {
    const auto target = targets.find(key.first);
    if (target == targets.end()) continue;
    TargetScores& t = target->second;
    const auto base = byRun.constFind(arms.first);
    const auto transfer = byRun.constFind(arms.second);
    const RunExamples* any = base != byRun.constEnd()       ? &*base
                             : transfer != byRun.constEnd() ? &*transfer
                                                            : nullptr;
    if (any && !any->gold.empty()) {
      trials[key.first] = static_cast<int>(any->gold.size());
      if (t.metric == QLatin1String("accuracy"))
        chanceBySeed[key.first].push_back(majorityShare(any->gold));
      else if (t.metric == QLatin1String("retrieval"))
        chanceBySeed[key.first].push_back(1.0 / any->gold.size());
    }
    // Paired only when both arms scored the same examples in the same order.
    if (base == byRun.constEnd() || transfer == byRun.constEnd() ||
        base->hashes != transfer->hashes || base->gold.empty())
      continue;
    stats::SeedExamples seed;
    seed.baseline = valuesOf(*base, t.metric);
    seed.transfer = valuesOf(*transfer, t.metric);
    if (t.exampleMetric() == stats::ExampleMetric::Pearson) seed.gold = base->gold;
    t.examples[key.second] = std::move(seed);
  }
  for (auto& [name, t] : targets) {
    if (t.metric == QLatin1String("pearson")) {
      t.chance = 0;
      t.chanceTrials = trials[name];
      continue;
    }
    const auto seeds = chanceBySeed.find(name);
    if (seeds != chanceBySeed.end() && !seeds->second.empty()) {
      t.chance = stats::summarize(seeds->second).mean;
      t.chanceTrials = trials[name];
      continue;
    }
    // An older store without predictions: a retrieval run still stored its pool size.
    if (t.metric != QLatin1String("retrieval")) continue;
    for (const RunRecord& run : runs)
      if (run.target == name && items.value(run.id) > 0) {
        t.chanceTrials = static_cast<int>(items.value(run.id));
        t.chance = 1.0 / t.chanceTrials;
        break;
      }
  }
}

}  // namespace twb

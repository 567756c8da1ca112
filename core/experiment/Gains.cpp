#include "experiment/Gains.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <vector>

#include "train/Metrics.h"

namespace twb {
namespace {

MeanSd summarize(const std::vector<double>& values) {
  MeanSd s;
  s.n = static_cast<int>(values.size());
  if (values.empty()) return s;
  s.mean = metrics::mean(values);
  s.sd = metrics::sampleSd(values);
  return s;
}

std::vector<double> valuesOf(const std::map<int, double>& bySeed) {
  std::vector<double> v;
  for (const auto& [seed, value] : bySeed) v.push_back(value);
  return v;
}

}  // namespace

QVector<TargetGain> computeGains(const ArmScores& scores, const QStringList& order,
                                 const std::map<QString, QString>& metricOfTarget) {
  static const std::map<int, double> none;
  QVector<TargetGain> gains;
  for (const QString& target : order) {
    const auto t = scores.find(target);
    if (t == scores.end()) continue;
    auto arm = [&](const char* name) -> const std::map<int, double>& {
      const auto a = t->second.find(QString::fromLatin1(name));
      return a == t->second.end() ? none : a->second;
    };
    const auto& baseline = arm("baseline");
    const auto& transfer = arm("transfer");
    std::vector<double> deltas, pairedBaseline;
    for (const auto& [seed, b] : baseline)
      if (const auto it = transfer.find(seed); it != transfer.end()) {
        deltas.push_back(it->second - b);
        pairedBaseline.push_back(b);
      }

    TargetGain g;
    g.target = target;
    if (const auto m = metricOfTarget.find(target); m != metricOfTarget.end()) g.metric = m->second;
    g.baseline = summarize(valuesOf(baseline));
    g.transfer = summarize(valuesOf(transfer));
    g.delta = summarize(deltas);
    // Relative gain and spread over the seeds that have both arms, like Δ itself.
    const MeanSd paired = summarize(pairedBaseline);
    g.relativeDelta = paired.mean != 0 ? g.delta.mean / paired.mean : 0;
    const double spread = std::max(g.delta.sd, paired.sd);
    // One seed has no spread to compare with: a single negative Δ is not flagged.
    g.negativeTransfer = g.delta.n > 1 && g.delta.mean < 0 && -g.delta.mean > spread;
    gains.push_back(g);
  }
  return gains;
}

}  // namespace twb

// Gains: transfer gain per target from the two arms' scores over seeds (torch-free).
#pragma once

#include <QString>
#include <QVector>
#include <map>

namespace twb {

struct MeanSd {
  double mean = 0;
  double sd = 0;  // sample standard deviation over seeds; 0 with one seed
  int n = 0;
};

struct TargetGain {
  QString target;
  QString language;  // the target's language, when known (cross-lingual targets)
  QString metric;    // the primary test metric: accuracy or pearson
  MeanSd baseline;
  MeanSd transfer;
  MeanSd delta;              // transfer - baseline, paired by seed
  double relativeDelta = 0;  // mean delta / mean baseline
  // The transfer arm is worse by more than the seed spread: at least two seeds, mean delta < 0
  // and |mean delta| > max(sd of delta, sd of baseline).
  bool negativeTransfer = false;
};

// scores[target][arm][seed] = primary test score; arms "baseline" and "transfer".
// Targets keep the order of `order`; seeds missing an arm are left out of delta.
using ArmScores = std::map<QString, std::map<QString, std::map<int, double>>>;
QVector<TargetGain> computeGains(const ArmScores& scores, const QStringList& order,
                                 const std::map<QString, QString>& metricOfTarget);

}  // namespace twb

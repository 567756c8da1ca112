#include "NliTask.h"

#include <cmath>

QString NliTask::name() const { return QStringLiteral("nli"); }

QString NliTask::description() const {
  return QStringLiteral(
      "natural-language inference on (premise, hypothesis) pairs: entailment, "
      "neutral or contradiction; adds each label's F1");
}

twb::sdk::Output NliTask::output() const { return twb::sdk::Output::Labels; }

bool NliTask::needsPairs() const { return true; }

QStringList NliTask::labels() const {
  return {QStringLiteral("entailment"), QStringLiteral("neutral"), QStringLiteral("contradiction")};
}

// Each label's F1 (NaN when the label is neither gold nor predicted anywhere): which relation
// an intermediate task helps with is what an NLI target is studied for.
QList<QPair<QString, double>> NliTask::score(const std::vector<double>& gold,
                                             const std::vector<double>& predicted,
                                             const QStringList& labels) const {
  QList<QPair<QString, double>> scores;
  for (int label = 0; label < labels.size(); ++label) {
    double truePositive = 0, falsePositive = 0, falseNegative = 0;
    for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
      const bool isGold = std::lround(gold[i]) == label;
      const bool isPredicted = std::lround(predicted[i]) == label;
      truePositive += isGold && isPredicted;
      falsePositive += !isGold && isPredicted;
      falseNegative += isGold && !isPredicted;
    }
    const double denominator = 2 * truePositive + falsePositive + falseNegative;
    scores.append({QStringLiteral("f1_") + labels[label],
                   denominator > 0 ? 2 * truePositive / denominator : NAN});
  }
  return scores;
}

#include "data/Splitter.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "common/InputError.h"
#include "data/SplitMix64.h"

namespace twb {
namespace {

// The part of each position in a sequence of n items: each position goes to the part furthest
// below its share so far (ties: train, dev, test). Totals are within one of n * fraction, and so
// is every contiguous run, so classes laid end to end are each split in proportion.
QVector<int> assignParts(qsizetype n, const std::array<double, 3>& fractions) {
  QVector<int> parts(n);
  std::array<qsizetype, 3> counts{};
  for (qsizetype i = 0; i < n; ++i) {
    int best = 0;
    double bestDeficit = -1e300;
    for (int p = 0; p < 3; ++p) {
      const double deficit =
          fractions[p] * static_cast<double>(i + 1) - static_cast<double>(counts[p]);
      if (deficit > bestDeficit + 1e-12) {
        bestDeficit = deficit;
        best = p;
      }
    }
    parts[i] = best;
    ++counts[best];
  }
  return parts;
}

QString percent(double fraction) { return QString::number(std::lround(fraction * 100)); }

}  // namespace

Split splitDataset(const Dataset& data, const ProtocolSpec& protocol, int seed) {
  const std::array<double, 3> fractions{protocol.train, protocol.dev, protocol.test};
  const double sum = fractions[0] + fractions[1] + fractions[2];
  if (fractions[0] <= 0 || fractions[1] <= 0 || fractions[2] <= 0 || std::abs(sum - 1) > 1e-6)
    throw InputError(QStringLiteral("split fractions must be positive and add up to 1"));

  // Groups of example indices: one per label (stratified), or one for regression and raw text.
  QVector<QVector<qsizetype>> groups(data.isRegression() ? 1 : data.labels.size());
  for (qsizetype i = 0; i < data.examples.size(); ++i) {
    const int label = data.isRegression() ? 0 : data.examples[i].label;
    if (label < 0 || label >= groups.size())
      throw InputError(
          QStringLiteral("dataset %1: example %2 has no valid label").arg(data.name).arg(i + 1));
    groups[label] << i;
  }

  SplitMix64 random(static_cast<std::uint64_t>(static_cast<std::uint32_t>(seed)) ^
                    0x5157A11D5EEDULL);
  QVector<qsizetype> ordered;  // shuffled within each class, classes end to end
  ordered.reserve(data.examples.size());
  for (QVector<qsizetype>& group : groups) {
    random.shuffle(group);
    ordered += group;
  }
  const QVector<int> assignment = assignParts(ordered.size(), fractions);
  std::array<QVector<qsizetype>, 3> parts;
  for (qsizetype i = 0; i < ordered.size(); ++i) parts[assignment[i]] << ordered[i];

  if (parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
    throw InputError(QStringLiteral("dataset %1 has %2 examples: too small for a %3/%4/%5 split")
                         .arg(data.name)
                         .arg(data.examples.size())
                         .arg(percent(fractions[0]), percent(fractions[1]), percent(fractions[2])));

  Split split;
  std::array<QVector<Example>*, 3> out{&split.train, &split.dev, &split.test};
  for (int p = 0; p < 3; ++p) {
    random.shuffle(parts[p]);  // mix the classes
    out[p]->reserve(parts[p].size());
    for (qsizetype i : parts[p]) out[p]->push_back(data.examples[i]);
  }
  return split;
}

}  // namespace twb

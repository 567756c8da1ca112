#include "data/Splitter.h"

#include <QDir>
#include <QHash>
#include <QPair>
#include <algorithm>
#include <array>
#include <cmath>

#include "common/InputError.h"
#include "common/SplitMix64.h"

namespace twb {
namespace {

// The part of each item in a sequence of items of the given sizes: each item goes to the part
// furthest below its share of the examples so far, counting the item (ties: train, dev, test).
// With items of one example, totals are within one of n * fraction, and so is every contiguous
// run, so classes laid end to end are each split in proportion.
QVector<int> assignParts(const QVector<qsizetype>& sizes, const std::array<double, 3>& fractions) {
  QVector<int> parts(sizes.size());
  std::array<qsizetype, 3> counts{};
  qsizetype total = 0;
  for (qsizetype i = 0; i < sizes.size(); ++i) {
    total += sizes[i];
    int best = 0;
    double bestDeficit = -1e300;
    for (int p = 0; p < 3; ++p) {
      const double deficit =
          fractions[p] * static_cast<double>(total) - static_cast<double>(counts[p]);
      if (deficit > bestDeficit + 1e-12) {
        bestDeficit = deficit;
        best = p;
      }
    }
    parts[i] = best;
    counts[best] += sizes[i];
  }
  return parts;
}

// Example indices grouped by identical content (text without outer whitespace, and pair), each
// group in order of first appearance; a group goes to the stratum of its first example.
using Item = QVector<qsizetype>;
QVector<QVector<Item>> groupIdentical(const Dataset& data) {
  QVector<QVector<Item>> strata(data.isRegression() ? 1 : data.labels.size());
  QHash<QPair<QString, QString>, QPair<int, qsizetype>> where;  // content -> stratum, item
  for (qsizetype i = 0; i < data.examples.size(); ++i) {
    const Example& example = data.examples[i];
    const int label = data.isRegression() ? 0 : example.label;
    if (label < 0 || label >= strata.size())
      throw InputError(
          QStringLiteral("dataset %1: example %2 has no valid label").arg(data.name).arg(i + 1));
    const QPair<QString, QString> content{example.text.trimmed(), example.pair};
    const auto found = where.constFind(content);
    if (found != where.constEnd()) {
      strata[found->first][found->second] << i;
      continue;
    }
    where.insert(content, {label, strata[label].size()});
    strata[label].push_back(Item{i});
  }
  return strata;
}

QString percent(double fraction) { return QString::number(std::lround(fraction * 100)); }

}  // namespace

Split splitDataset(const Dataset& data, const ProtocolSpec& protocol, int seed) {
  const std::array<double, 3> fractions{protocol.train, protocol.dev, protocol.test};
  const double sum = fractions[0] + fractions[1] + fractions[2];
  if (fractions[0] <= 0 || fractions[1] <= 0 || fractions[2] <= 0 || std::abs(sum - 1) > 1e-6)
    throw InputError(QStringLiteral("split fractions must be positive and add up to 1"));

  // Identical examples form one item, so repeated texts cannot leak from train into test.
  // Items are grouped by label (stratified), or in one group for regression and raw text.
  QVector<QVector<Item>> strata = groupIdentical(data);

  SplitMix64 random(static_cast<std::uint64_t>(static_cast<std::uint32_t>(seed)) ^
                    0x5157A11D5EEDULL);
  QVector<Item> ordered;  // shuffled within each class, classes end to end
  qsizetype items = 0;
  for (const QVector<Item>& stratum : strata) items += stratum.size();
  ordered.reserve(items);
  for (QVector<Item>& stratum : strata) {
    random.shuffle(stratum);
    ordered += stratum;
  }
  QVector<qsizetype> sizes;
  sizes.reserve(ordered.size());
  for (const Item& item : ordered) sizes << item.size();
  const QVector<int> assignment = assignParts(sizes, fractions);
  std::array<QVector<qsizetype>, 3> parts;
  for (qsizetype i = 0; i < ordered.size(); ++i) parts[assignment[i]] += ordered[i];

  // A user's file is named (its source is a path), so the error points at the data, not the YAML.
  const QString file = QDir::isAbsolutePath(data.source) ? data.source : QString();
  if (parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
    throw InputError(
        file, 0, 0,
        QStringLiteral("dataset %1 has %2 examples%3: too small for a %4/%5/%6 split")
            .arg(data.name)
            .arg(data.examples.size())
            .arg(items < data.examples.size() ? QStringLiteral(" (%1 distinct texts)").arg(items)
                                              : QString())
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

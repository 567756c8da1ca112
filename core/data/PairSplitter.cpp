#include "data/PairSplitter.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "common/InputError.h"
#include "data/TextKey.h"

namespace twb {
namespace {

// Separate streams for the split and for the mismatched pairs, neither the stream of
// splitDataset, so changing how negatives are drawn never moves an item to another part.
constexpr std::uint64_t kSplitSalt = 0x9A125EED0F17E45ULL;
constexpr std::uint64_t kNegativeSalt = 0x4E6A7E5EED0B1ULL;

std::uint64_t seedBits(int seed) { return static_cast<std::uint32_t>(seed); }

qsizetype root(QVector<qsizetype>& parent, qsizetype i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

// Item indices grouped so that items sharing a text (either column, by textKey) are in one
// group; groups in order of their first item, items ascending.
QVector<QVector<qsizetype>> groupsSharingText(const AlignedPairs& items) {
  QVector<qsizetype> parent(items.size());
  std::iota(parent.begin(), parent.end(), qsizetype{0});
  QHash<QString, qsizetype> owner;  // text key -> the first item holding it
  for (qsizetype i = 0; i < items.size(); ++i)
    for (const QString* text : {&items[i].first, &items[i].second}) {
      const QString key = textKey(*text);
      const auto found = owner.constFind(key);
      if (found == owner.constEnd())
        owner.insert(key, i);
      else
        parent[root(parent, i)] = root(parent, *found);
    }
  QVector<QVector<qsizetype>> groups;
  QHash<qsizetype, qsizetype> groupOf;  // root -> index in groups
  for (qsizetype i = 0; i < items.size(); ++i) {
    const qsizetype r = root(parent, i);
    auto found = groupOf.constFind(r);
    if (found == groupOf.constEnd()) {
      found = groupOf.insert(r, groups.size());
      groups.push_back({});
    }
    groups[*found] << i;
  }
  return groups;
}

QString percent(double fraction) { return QString::number(std::lround(fraction * 100)); }

}  // namespace

QStringList translationPairLabels() {
  return {QStringLiteral("other"), QStringLiteral("translation")};
}

AlignedPairs distinctItems(const AlignedPairs& items, qsizetype* dropped) {
  AlignedPairs kept;
  QSet<QString> english, translated;
  for (const auto& item : items) {
    const QString first = textKey(item.first), second = textKey(item.second);
    if (english.contains(first) || translated.contains(second)) continue;
    english.insert(first);
    translated.insert(second);
    kept << item;
  }
  if (dropped) *dropped = items.size() - kept.size();
  return kept;
}

ItemSplit splitItems(const AlignedPairs& items, const ProtocolSpec& protocol, int seed,
                     const QString& name) {
  const std::array<double, 3> fractions{protocol.train, protocol.dev, protocol.test};
  if (fractions[0] <= 0 || fractions[1] <= 0 || fractions[2] <= 0 ||
      std::abs(fractions[0] + fractions[1] + fractions[2] - 1) > 1e-6)
    throw InputError(QStringLiteral("split fractions must be positive and add up to 1"));
  const qsizetype n = items.size();
  // The protocol's share of the items, but two at least in dev and test; train takes the rest.
  std::array<qsizetype, 3> wanted{};
  wanted[1] = std::max<qsizetype>(2, std::llround(static_cast<double>(n) * fractions[1]));
  wanted[2] = std::max<qsizetype>(2, std::llround(static_cast<double>(n) * fractions[2]));
  wanted[0] = n - wanted[1] - wanted[2];

  QVector<QVector<qsizetype>> groups = groupsSharingText(items);
  SplitMix64 random(seedBits(seed) ^ kSplitSalt);
  random.shuffle(groups);
  // Each group goes to the part furthest below its wanted size (ties: train, dev, test): with
  // groups of one item every part gets exactly its wanted size.
  std::array<QVector<qsizetype>, 3> parts;
  for (const QVector<qsizetype>& group : groups) {
    int best = 0;
    for (int p = 1; p < 3; ++p)
      if (wanted[p] - parts[p].size() > wanted[best] - parts[best].size()) best = p;
    parts[best] += group;
  }
  if (wanted[0] < 2 || parts[0].size() < 2 || parts[1].size() < 2 || parts[2].size() < 2)
    throw InputError(
        QStringLiteral("%1: %2 aligned items%3 are too few to split %4/%5/%6 with at least two "
                       "items in each part (an item's mismatched pair needs another item of "
                       "its part)")
            .arg(name)
            .arg(n)
            .arg(groups.size() < n
                     ? QStringLiteral(" (%1 groups of items sharing a text)").arg(groups.size())
                     : QString())
            .arg(percent(fractions[0]), percent(fractions[1]), percent(fractions[2])));
  return ItemSplit{parts[0], parts[1], parts[2]};
}

QVector<qsizetype> derangement(qsizetype n, SplitMix64& random) {
  if (n < 2) throw std::invalid_argument("a derangement needs at least two items");
  QVector<qsizetype> order(n);
  std::iota(order.begin(), order.end(), qsizetype{0});
  // Rejection: a uniform shuffle is a derangement with probability about 1/e, so this draws
  // about three shuffles, and every derangement is equally likely.
  for (;;) {
    random.shuffle(order);
    bool fixedPoint = false;
    for (qsizetype k = 0; k < n && !fixedPoint; ++k) fixedPoint = order[k] == k;
    if (!fixedPoint) return order;
  }
}

Split splitTranslationPairs(const AlignedPairs& items, const ProtocolSpec& protocol, int seed,
                            const QString& name) {
  const ItemSplit parts = splitItems(items, protocol, seed, name);
  SplitMix64 random(seedBits(seed) ^ kNegativeSalt);
  const auto pairsOf = [&](const QVector<qsizetype>& part) {
    const QVector<qsizetype> other = derangement(part.size(), random);
    QVector<Example> examples;
    examples.reserve(2 * part.size());
    for (qsizetype k = 0; k < part.size(); ++k) {
      const auto& item = items[part[k]];
      examples.push_back({item.first, item.second, 1, NAN});
      examples.push_back({item.first, items[part[other[k]]].second, 0, NAN});
    }
    random.shuffle(examples);  // mix the labels
    return examples;
  };
  Split split;
  split.train = pairsOf(parts.train);
  split.dev = pairsOf(parts.dev);
  split.test = pairsOf(parts.test);
  return split;
}

}  // namespace twb

// PairSplitter: translation-pair examples split by aligned item, so that no text of a test pair
// is trained on, with each part's mismatched pairs drawn inside that part.
#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include "common/SplitMix64.h"
#include "config/ExperimentSpec.h"
#include "data/Example.h"

namespace twb {

// Aligned items of parallel text: (English text, its translation).
using AlignedPairs = QVector<QPair<QString, QString>>;

// The labels of translation-pair examples, by index: 0 "other", 1 "translation".
QStringList translationPairLabels();

// The items left when an item repeating an earlier item's English or translated text (compared
// by textKey) is left out: a repeated translation would make an item's mismatched pair equal
// to its translation pair with the other label. *dropped counts what was left out.
AlignedPairs distinctItems(const AlignedPairs& items, qsizetype* dropped = nullptr);

// Indices of the items in each part.
struct ItemSplit {
  QVector<qsizetype> train;
  QVector<qsizetype> dev;
  QVector<qsizetype> test;
};

// Splits items by the protocol's fractions with a generator whose sequence is the same on
// every platform. Items sharing a text (by textKey, in either column: one item's English is
// another's translation) move together, so a text is in one part only. Every part gets at
// least two items (a part of one item has no other item to mismatch it with); throws
// InputError naming `name` when there are too few items for that.
ItemSplit splitItems(const AlignedPairs& items, const ProtocolSpec& protocol, int seed,
                     const QString& name);

// A permutation of 0..n-1 with no fixed point (n >= 2), uniform over all such permutations.
QVector<qsizetype> derangement(qsizetype n, SplitMix64& random);

// splitItems, then inside each part every item gives its translation pair (label 1) and its
// English text with the translation of the item a seeded derangement of the part assigns it
// (label 0): balanced labels, every item's translation mismatched exactly once, never with
// itself, and never with an item of another part. Items should be distinctItems.
Split splitTranslationPairs(const AlignedPairs& items, const ProtocolSpec& protocol, int seed,
                            const QString& name);

}  // namespace twb

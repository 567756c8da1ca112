// Tests of PairSplitter: items split before pairs are built (no text of a test pair in train or
// dev), seeded derangements, balanced parts, items sharing a text kept together, the two-item
// minimum per part, and repeated items left out.
#include <QHash>
#include <QtTest>
#include <algorithm>
#include <map>

#include "common/InputError.h"
#include "common/SplitMix64.h"
#include "data/PairSplitter.h"
#include "data/TextKey.h"

using twb::AlignedPairs;
using twb::Example;

namespace {

// n items whose "translations" are unrelated random words: nothing links a pair but the file.
AlignedPairs randomItems(qsizetype n, std::uint64_t seed) {
  static const QStringList syllables = {"ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "ve", "zo"};
  twb::SplitMix64 random(seed);
  const auto word = [&random] {
    QString w;
    for (int s = 0; s < 3; ++s) w += syllables[static_cast<qsizetype>(random.below(10))];
    return w;
  };
  AlignedPairs items;
  for (qsizetype i = 0; i < n; ++i)
    items.push_back({QStringLiteral("english item %1 %2").arg(i).arg(word()),
                     QStringLiteral("%1 %2 %3").arg(word(), word()).arg(i)});
  return items;
}

QSet<QString> keysOf(const QVector<Example>& examples) {
  QSet<QString> keys;
  for (const Example& e : examples) keys << twb::textKey(e.text) << twb::textKey(e.pair);
  return keys;
}

// Checks one part: balanced, each English item once positive and once negative, each
// translation used once as a negative and never with its own English text.
void checkPart(const QVector<Example>& part, const AlignedPairs& items) {
  std::map<QString, QString> translationOf;
  for (const auto& item : items) translationOf[item.first] = item.second;
  std::map<QString, int> positives, negatives, usedAsNegative;
  QSet<QString> english, translations;
  for (const Example& e : part) {
    QVERIFY(e.label == 0 || e.label == 1);
    QVERIFY(translationOf.count(e.text));
    english << e.text;
    if (e.label == 1) {
      QCOMPARE(e.pair, translationOf[e.text]);
      ++positives[e.text];
      translations << e.pair;
    } else {
      QVERIFY2(e.pair != translationOf[e.text], qPrintable(e.text));
      ++negatives[e.text];
      ++usedAsNegative[e.pair];
    }
  }
  QCOMPARE(part.size(), 2 * english.size());
  for (const QString& text : english) {
    QCOMPARE(positives[text], 1);
    QCOMPARE(negatives[text], 1);
  }
  // The negatives' translations are exactly this part's translations, each once.
  QCOMPARE(usedAsNegative.size(), size_t(translations.size()));
  for (const auto& [translation, uses] : usedAsNegative) {
    QVERIFY(translations.contains(translation));
    QCOMPARE(uses, 1);
  }
}

QStringList textsOf(const QVector<Example>& examples) {
  QStringList texts;
  for (const Example& e : examples) texts << e.text + QLatin1Char('|') + e.pair;
  return texts;
}

}  // namespace

class TestPairSplitter : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void derangementsHaveNoFixedPoint() {
    twb::SplitMix64 random(99);
    for (qsizetype n : {2, 3, 5, 56, 100, 121}) {
      for (int draw = 0; draw < 20; ++draw) {
        const QVector<qsizetype> d = twb::derangement(n, random);
        QCOMPARE(d.size(), n);
        QVector<bool> seen(n, false);
        for (qsizetype k = 0; k < n; ++k) {
          QVERIFY(d[k] != k);
          QVERIFY(d[k] >= 0 && d[k] < n);
          QVERIFY(!seen[d[k]]);
          seen[d[k]] = true;
        }
      }
    }
  }

  void derangementsOfThreeAreBothDrawn() {
    // Three items have two derangements (the two 3-cycles): a uniform draw finds both.
    twb::SplitMix64 random(5);
    QSet<QString> drawn;
    for (int draw = 0; draw < 50; ++draw) {
      QStringList text;
      for (qsizetype k : twb::derangement(3, random)) text << QString::number(k);
      drawn << text.join(QLatin1Char(','));
    }
    QCOMPARE(drawn, (QSet<QString>{"1,2,0", "2,0,1"}));
  }

  void noTextOfATestPairIsTrainedOn() {
    // The old construction paired item i with (i+1+(i*7919)%(n-1))%n and split the pairs one
    // by one: for these sizes every negative used item 0's translation, and test pairs shared
    // their texts with training pairs.
    for (qsizetype n : {56, 100, 121, 1981}) {
      const AlignedPairs items = randomItems(n, static_cast<std::uint64_t>(n));
      for (int seed : {1, 2, 3}) {
        const twb::Split split =
            twb::splitTranslationPairs(items, twb::ProtocolSpec(), seed, QStringLiteral("t"));
        const QSet<QString> test = keysOf(split.test);
        QVERIFY(!keysOf(split.train).intersects(test));
        QVERIFY(!keysOf(split.dev).intersects(test));
        QVERIFY(!keysOf(split.train).intersects(keysOf(split.dev)));
        checkPart(split.train, items);
        checkPart(split.dev, items);
        checkPart(split.test, items);
        QCOMPARE(split.train.size() + split.dev.size() + split.test.size(), 2 * n);
      }
    }
  }

  void aLookupOfTheTranslationAloneScoresChance() {
    // The audit's attack on the old split: remember each training translation's label and
    // predict a test pair from its translation string alone. With random, unrelated
    // "translations" nothing else can be learnt, and on the clean split every test translation
    // appears once with its own English item and once as another item's mismatch, so any rule
    // that reads only the translation gets exactly half of the test pairs right: chance.
    for (qsizetype n : {56, 100, 121, 1981}) {
      const AlignedPairs items = randomItems(n, static_cast<std::uint64_t>(n) + 17);
      for (int seed : {1, 2, 3}) {
        const twb::Split split =
            twb::splitTranslationPairs(items, twb::ProtocolSpec(), seed, QStringLiteral("t"));
        QHash<QString, int> seen;  // translation -> label seen in training
        for (const twb::Example& e : split.train) seen.insert(e.pair, e.label);
        int right = 0;
        for (const twb::Example& e : split.test) {
          const int guess = seen.value(e.pair, 1);  // unseen: guess "translation"
          right += guess == e.label ? 1 : 0;
        }
        QCOMPARE(2 * right, int(split.test.size()));
      }
    }
  }

  void partsFollowTheFractions() {
    const AlignedPairs items = randomItems(100, 1);
    const twb::ItemSplit parts = twb::splitItems(items, twb::ProtocolSpec(), 4, "t");
    QCOMPARE(parts.train.size(), 70);
    QCOMPARE(parts.dev.size(), 15);
    QCOMPARE(parts.test.size(), 15);
    QVector<qsizetype> all = parts.train + parts.dev + parts.test;
    std::sort(all.begin(), all.end());
    for (qsizetype i = 0; i < all.size(); ++i) QCOMPARE(all[i], i);
  }

  void sameSeedSameSplitOtherSeedsDiffer() {
    const AlignedPairs items = randomItems(60, 2);
    const twb::ProtocolSpec protocol;
    const twb::Split a = twb::splitTranslationPairs(items, protocol, 7, "t");
    const twb::Split b = twb::splitTranslationPairs(items, protocol, 7, "t");
    QCOMPARE(textsOf(a.train), textsOf(b.train));
    QCOMPARE(textsOf(a.test), textsOf(b.test));
    const twb::Split c = twb::splitTranslationPairs(items, protocol, 8, "t");
    QVERIFY(textsOf(a.test) != textsOf(c.test));
  }

  void theSplitIsPinned() {
    // SplitMix64 makes the split the same on every platform and library: pin one.
    const twb::ItemSplit parts = twb::splitItems(randomItems(20, 3), twb::ProtocolSpec(), 1, "t");
    QCOMPARE(parts.dev.size(), 3);
    QCOMPARE(parts.test.size(), 3);
    const QVector<qsizetype> pinned = parts.test;
    const twb::ItemSplit again = twb::splitItems(randomItems(20, 3), twb::ProtocolSpec(), 1, "t");
    QCOMPARE(again.test, pinned);
    QCOMPARE(parts.test, (QVector<qsizetype>{6, 8, 5}));
  }

  void itemsSharingATextStayTogether() {
    // Item 0's translation is item 1's English text (spacing and case aside), and items 2 and
    // 3 share nothing but a translation that differs in case: each pair must land in one part.
    AlignedPairs items = randomItems(40, 4);
    items[0].second = QStringLiteral("  Shared   TEXT ");
    items[1].first = QStringLiteral("shared text");
    items[3].second = items[2].second.toUpper();
    for (int seed = 1; seed <= 20; ++seed) {
      const twb::ItemSplit parts = twb::splitItems(items, twb::ProtocolSpec(), seed, "t");
      const auto partOf = [&parts](qsizetype i) {
        return parts.train.contains(i) ? 0 : parts.dev.contains(i) ? 1 : 2;
      };
      QCOMPARE(partOf(0), partOf(1));
      QCOMPARE(partOf(2), partOf(3));
    }
  }

  void everyPartHasTwoItems() {
    // Six items: 15% of six rounds to one, but a part of one item cannot hold a negative.
    const twb::ItemSplit parts = twb::splitItems(randomItems(6, 5), twb::ProtocolSpec(), 1, "t");
    QCOMPARE(parts.train.size(), 2);
    QCOMPARE(parts.dev.size(), 2);
    QCOMPARE(parts.test.size(), 2);
  }

  void tooFewItemsNameTheTarget() {
    try {
      twb::splitTranslationPairs(randomItems(5, 6), twb::ProtocolSpec(), 1,
                                 QStringLiteral("target tiny:pairs/de"));
      QFAIL("five items were split");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("target tiny:pairs/de")), error.what());
      QVERIFY2(error.message().contains(QStringLiteral("5 aligned items")), error.what());
    }
  }

  void repeatedItemsAreLeftOut() {
    AlignedPairs items = randomItems(10, 7);
    items << qMakePair(items[2].first.toUpper(), QStringLiteral("fresh"));  // English again
    items << qMakePair(QStringLiteral("fresh english"), QStringLiteral(" ") + items[4].second);
    qsizetype dropped = -1;
    const AlignedPairs kept = twb::distinctItems(items, &dropped);
    QCOMPARE(dropped, 2);
    QCOMPARE(kept, items.mid(0, 10));
  }
};

QTEST_GUILESS_MAIN(TestPairSplitter)
#include "test_pair_splitter.moc"

// Pins each model family's special-token layout, truncation and padding side.
#include <QtTest>

#include "text/ModelInputs.h"

using namespace twb;

namespace {
const SpecialIds kSpecials{/*pad=*/0, /*unk=*/1, /*cls=*/2, /*sep=*/3, /*mask=*/4};
using Ids = std::vector<int64_t>;
}  // namespace

class ModelInputsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void bertPairIsClsASepBSep() {
    const EncodedInput in = buildInput(QStringLiteral("bert"), kSpecials, {10, 11}, {20}, 16);
    QCOMPARE(in.ids, (Ids{2, 10, 11, 3, 20, 3}));
    QCOMPARE(in.types, (Ids{0, 0, 0, 0, 1, 1}));
  }
  void robertaPairHasDoubleSeparatorAndOneType() {
    const EncodedInput in = buildInput(QStringLiteral("roberta"), kSpecials, {10}, {20}, 16);
    QCOMPARE(in.ids, (Ids{2, 10, 3, 3, 20, 3}));
    QCOMPARE(in.types, (Ids{0, 0, 0, 0, 0, 0}));
  }
  void xlnetPutsClsLastWithSegmentTwo() {
    const EncodedInput in = buildInput(QStringLiteral("xlnet"), kSpecials, {10}, {20, 21}, 16);
    QCOMPARE(in.ids, (Ids{10, 3, 20, 21, 3, 2}));
    QCOMPARE(in.types, (Ids{0, 0, 1, 1, 1, 2}));
  }
  void truncationCutsTheLongerTextFirst() {
    const EncodedInput in =
        buildInput(QStringLiteral("bert"), kSpecials, {10, 11, 12, 13, 14}, {20, 21}, 7);
    QCOMPARE(in.ids, (Ids{2, 10, 11, 3, 20, 21, 3}));
  }
  void bothTextsCutAsHuggingFaceDoes() {
    // 5 places for 4 + 3 tokens: the shorter keeps half (2), the longer the odd rest (3).
    const EncodedInput in =
        buildInput(QStringLiteral("bert"), kSpecials, {10, 11, 12, 13}, {20, 21, 22}, 8);
    QCOMPARE(in.ids, (Ids{2, 10, 11, 12, 3, 20, 21, 3}));
    // Equal lengths: A counts as the longer one.
    const EncodedInput tie =
        buildInput(QStringLiteral("bert"), kSpecials, {10, 11, 12}, {20, 21, 22}, 8);
    QCOMPARE(tie.ids, (Ids{2, 10, 11, 12, 3, 20, 21, 3}));
  }
  void singleTextFitsMaxLen() {
    const EncodedInput in =
        buildInput(QStringLiteral("bert"), kSpecials, {10, 11, 12, 13, 14}, {}, 4);
    QCOMPARE(in.ids, (Ids{2, 10, 11, 3}));
  }
  void bertPadsOnTheRight() {
    const auto a = buildInput(QStringLiteral("bert"), kSpecials, {10}, {}, 8);
    const auto b = buildInput(QStringLiteral("bert"), kSpecials, {10, 11, 12}, {}, 8);
    const Batch batch = padBatch(QStringLiteral("bert"), kSpecials, {a, b});
    QCOMPARE(batch.rows, 2);
    QCOMPARE(batch.cols, 5);
    QCOMPARE(batch.ids, (Ids{2, 10, 3, 0, 0, 2, 10, 11, 12, 3}));
    QCOMPARE(batch.mask, (Ids{1, 1, 1, 0, 0, 1, 1, 1, 1, 1}));
  }
  void xlnetPadsOnTheLeft() {
    const auto a = buildInput(QStringLiteral("xlnet"), kSpecials, {10}, {}, 8);
    const auto b = buildInput(QStringLiteral("xlnet"), kSpecials, {10, 11}, {}, 8);
    const Batch batch = padBatch(QStringLiteral("xlnet"), kSpecials, {a, b});
    QCOMPARE(batch.ids, (Ids{0, 10, 3, 2, 10, 11, 3, 2}));
    QCOMPARE(batch.mask, (Ids{0, 1, 1, 1, 1, 1, 1, 1}));
    QCOMPARE(batch.types[0], int64_t{3});
  }
};

QTEST_GUILESS_MAIN(ModelInputsTest)
#include "test_model_inputs.moc"

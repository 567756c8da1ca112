// Language sampling for multilingual pretraining: smoothed shares and seeded draws.
#include <QtTest>

#include "train/LanguageSampling.h"
#include "train/Retrieval.h"

using namespace twb;

class LanguageSamplingTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void alphaOneKeepsTheShares() {
    const auto q = smoothedLanguageProbabilities({900, 100}, 1.0);
    QVERIFY(qAbs(q[0] - 0.9) < 1e-12);
    QVERIFY(qAbs(q[1] - 0.1) < 1e-12);
  }
  void alphaZeroIsUniform() {
    const auto q = smoothedLanguageProbabilities({900, 100, 0}, 0.0);
    QVERIFY(qAbs(q[0] - 0.5) < 1e-12);
    QVERIFY(qAbs(q[1] - 0.5) < 1e-12);
    QCOMPARE(q[2], 0.0);  // a language with no text is never drawn
  }
  void alphaPointThreeByHand() {
    // p = 0.9, 0.1; 0.9^0.3 = 0.96889, 0.1^0.3 = 0.50119 -> q = 0.6591, 0.3409
    const auto q = smoothedLanguageProbabilities({900, 100}, 0.3);
    QVERIFY(qAbs(q[0] - 0.96889 / (0.96889 + 0.50119)) < 1e-4);
  }
  void drawsFollowTheProbabilitiesAndTheSeed() {
    const std::vector<size_t> sizes{900, 100};
    const auto q = smoothedLanguageProbabilities(sizes, 0.3);
    const auto order = sampleByLanguage(sizes, q, 20000, 5);
    QCOMPARE(order.size(), size_t{20000});
    size_t second = 0;
    for (size_t i : order) {
      QVERIFY(i < 1000);
      second += i >= 900;
    }
    QVERIFY2(qAbs(second / 20000.0 - q[1]) < 0.02, qPrintable(QString::number(second)));
    QCOMPARE(sampleByLanguage(sizes, q, 100, 5), sampleByLanguage(sizes, q, 100, 5));
    QVERIFY(sampleByLanguage(sizes, q, 100, 5) != sampleByLanguage(sizes, q, 100, 6));
  }
  void retrievalFindsTranslationsWhenEmbeddingsAgree() {
    // An embedding model on a tiny vocabulary: identical inputs embed identically, so
    // retrieving a list against itself is perfect in both directions.
    EncoderConfig c;
    c.vocabSize = 40;
    c.hidden = 16;
    c.layers = 1;
    c.heads = 2;
    c.intermediate = 32;
    torch::manual_seed(1);
    TaskModel model(c, HeadKind::Embedding);
    BatchMaker batches;
    batches.arch = QStringLiteral("bert");
    batches.specials = {0, 1, 2, 3, 4};
    std::vector<EncodedExample> items;
    for (int i = 0; i < 12; ++i) {
      EncodedExample e;
      e.input =
          buildInput(batches.arch, batches.specials, {5 + i, 20 + (i * 7) % 19, 6 + i}, {}, 16);
      items.push_back(e);
    }
    const RetrievalScores same = evaluateRetrieval(model, items, items, batches, 5);
    QCOMPARE(same.pivotToTarget, 1.0);
    QCOMPARE(same.targetToPivot, 1.0);
    // Misaligned lists (shifted by one) retrieve nothing right.
    std::vector<EncodedExample> shifted(items.begin() + 1, items.end());
    shifted.push_back(items.front());
    QCOMPARE(evaluateRetrieval(model, items, shifted, batches, 5).pivotToTarget, 0.0);
  }
};

QTEST_GUILESS_MAIN(LanguageSamplingTest)
#include "test_language_sampling.moc"

// Tests of the `twb models run` batch reader: shapes, defaults, and the malformed batches the
// fuzzer (tests/fuzz/fuzz_models_batch.cpp) turned up, each an InputError naming file and key.
#include <QTemporaryDir>
#include <QtTest>

#include "models/CheckpointBatch.h"
#include "support/TestSupport.h"

class CheckpointBatchTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  twb::InputError errorOf(const QByteArray& json) {
    const QString path = twb::test::writeFile(dir_, QStringLiteral("batch.json"), json);
    return twb::test::inputErrorOf([&] { twb::readCheckpointBatch(path); });
  }

 private Q_SLOTS:
  void readsIdsMaskAndTypes() {
    const QString path = twb::test::writeFile(
        dir_, QStringLiteral("batch.json"),
        R"({"input_ids": [[2, 17, 30], [2, 12, 3]], "attention_mask": [[1, 1, 1], [1, 1, 0]]})");
    const twb::CheckpointBatch batch = twb::readCheckpointBatch(path);
    QCOMPARE(batch.inputIds.rows, std::int64_t(2));
    QCOMPARE(batch.inputIds.cols, std::int64_t(3));
    QCOMPARE(batch.inputIds.values, (std::vector<std::int64_t>{2, 17, 30, 2, 12, 3}));
    QCOMPARE(batch.inputIds.max(), std::int64_t(30));
    QCOMPARE(batch.attentionMask.values, (std::vector<std::int64_t>{1, 1, 1, 1, 1, 0}));
    QVERIFY(!batch.tokenTypeIds.defined());
  }

  // The reviewer's batch of two million rows grew to gigabytes without a word: one call runs at
  // most 2^18 tokens, and says so before anything is allocated.
  void refusesABatchTooLargeForOneCall() {
    QByteArray json = "{\"input_ids\": [";
    for (int r = 0; r < 100000; ++r) json += r ? ", [2, 10, 3]" : "[2, 10, 3]";
    json += "]}";
    const twb::InputError error = errorOf(json);
    QVERIFY2(error.message().contains(QLatin1String("100000 rows of 3 tokens")),
             qPrintable(error.message()));
  }

  void namesTheKeyAndRowOfAMalformedBatch() {
    twb::InputError error = errorOf(R"({"input_ids": [[2, 5, 3], [2, 3]]})");
    QVERIFY(error.file().endsWith(QLatin1String("batch.json")));
    QVERIFY2(error.message().contains(QLatin1String("\"input_ids\": row 2 has 2 entries")),
             qPrintable(error.message()));
    error = errorOf(R"({"input_ids": [[2, 5]], "token_type_ids": [[0, 0], [0, 0]]})");
    QVERIFY2(error.message().contains(QLatin1String("\"token_type_ids\": has 2 rows")),
             qPrintable(error.message()));
    error = errorOf(R"({"input_ids": [[2, 1.5]]})");
    QVERIFY2(error.message().contains(QLatin1String("row 1, position 2: not a non-negative")),
             qPrintable(error.message()));
    error = errorOf(R"({"attention_mask": [[1]]})");
    QVERIFY2(error.message().contains(QLatin1String("\"input_ids\": missing")),
             qPrintable(error.message()));
  }

  // Found by fuzz_models_batch: an id beyond int64 was cast before it was checked (undefined
  // behaviour). Values are now checked as doubles first.
  void refusesIdsTooLargeForAnInteger() {
    twb::InputError error = errorOf(
        R"({"input_ids": [[2, 17, 30, 355555555555555555555555555555555555], [2, 12, 3, 0]]})");
    QVERIFY2(error.message().contains(QLatin1String("row 1, position 4")) &&
                 error.message().contains(QLatin1String("too large")),
             qPrintable(error.message()));
    error = errorOf(R"({"input_ids": [[1e300]]})");
    QVERIFY2(error.message().contains(QLatin1String("too large")), qPrintable(error.message()));
    error = errorOf(R"({"input_ids": [[-1e300]]})");
    QVERIFY2(error.message().contains(QLatin1String("not a non-negative integer")),
             qPrintable(error.message()));
    const QString path = twb::test::writeFile(dir_, QStringLiteral("largest.json"),
                                              R"({"input_ids": [[9007199254740992]]})");
    QCOMPARE(twb::readCheckpointBatch(path).inputIds.max(), std::int64_t(9007199254740992));
  }
};

QTEST_GUILESS_MAIN(CheckpointBatchTest)
#include "test_checkpoint_batch.moc"

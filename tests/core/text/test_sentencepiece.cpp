// The sentencepiece plugin: trains unigram and BPE models on a small corpus, loads them,
// and round-trips text; the special pieces sit at the ids the models expect.
#include <QtTest>

#include "common/InputError.h"
#include "support/TestSupport.h"
#include "text/SentencePieceTokenizer.h"

using namespace twb;

namespace {

QByteArray corpus() {
  const char* lines[] = {"the film was a delight from start to finish",
                         "the service at this restaurant was slow and rude",
                         "a warm, funny and moving story",
                         "das Essen war kalt und der Kellner unfreundlich",
                         "le film était long mais très beau",
                         "I would not buy this phone again",
                         "great battery life and a bright screen"};
  QByteArray text;
  for (int repeat = 0; repeat < 40; ++repeat)
    for (const char* line : lines)
      text += QByteArray(line) + " " + QByteArray::number(repeat) + "\n";
  return text;
}

}  // namespace

class SentencePieceTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void trainsAndRoundTrips_data() {
    QTest::addColumn<QString>("type");
    QTest::newRow("unigram") << QStringLiteral("unigram");
    QTest::newRow("bpe") << QStringLiteral("bpe");
  }
  void trainsAndRoundTrips() {
    QFETCH(QString, type);
    QTemporaryDir dir;
    SentencePieceTraining options;
    options.inputFile = test::writeFile(dir, QStringLiteral("corpus.txt"), corpus());
    options.modelPrefix = dir.filePath(QStringLiteral("spm"));
    options.vocabSize = 200;
    options.modelType = type;
    const QString model = SentencePieceTokenizer::train(options);
    const auto tok = SentencePieceTokenizer::load(model);
    QVERIFY(tok->vocabSize() > 50);
    QVERIFY(tok->vocabSize() <= 200);
    const SpecialIds s = tok->specials();
    QCOMPARE(s.pad, 0);
    QCOMPARE(s.unk, 1);
    QCOMPARE(s.cls, 2);
    QCOMPARE(s.sep, 3);
    QCOMPARE(s.mask, 4);
    const QString text = QStringLiteral("the film was slow but the story was warm");
    const std::vector<int> ids = tok->encode(text);
    QVERIFY(ids.size() > 3);
    for (int id : ids) QVERIFY(id > 4);  // plain text never yields a control piece
    QCOMPARE(tok->decode(ids), text);
    QCOMPARE(tok->piece(s.mask), QStringLiteral("<mask>"));
  }
  void rejectsAFileThatIsNotAModel() {
    QTemporaryDir dir;
    const QString path = test::writeFile(dir, QStringLiteral("bad.model"), "not a model");
    try {
      SentencePieceTokenizer::load(path);
      QFAIL("loaded a file that is not a model");
    } catch (const InputError& e) {
      QCOMPARE(e.file(), path);
    }
  }
};

QTEST_GUILESS_MAIN(SentencePieceTest)
#include "test_sentencepiece.moc"

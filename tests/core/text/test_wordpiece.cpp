// Pins WordPiece tokenization against BERT's rules on a hand-made vocabulary.
#include <QtTest>

#include "common/InputError.h"
#include "support/TestSupport.h"
#include "text/WordPieceTokenizer.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

// id = position in this list.
const QStringList kVocab = {
    QStringLiteral("[PAD]"),         // 0
    QStringLiteral("[UNK]"),         // 1
    QStringLiteral("[CLS]"),         // 2
    QStringLiteral("[SEP]"),         // 3
    QStringLiteral("[MASK]"),        // 4
    QStringLiteral("un"),            // 5
    QStringLiteral("##aff"),         // 6
    QStringLiteral("##able"),        // 7
    QStringLiteral("##want"),        // 8
    QStringLiteral("##ed"),          // 9
    QStringLiteral(","),             // 10
    QStringLiteral("runn"),          // 11
    QStringLiteral("##ing"),         // 12
    QStringLiteral("hello"),         // 13
    QStringLiteral("world"),         // 14
    QStringLiteral("!"),             // 15
    QStringLiteral("."),             // 16
    QStringLiteral("\u00E9"),        // 17
    QStringLiteral("caf"),           // 18
    QStringLiteral("##\u00E9"),      // 19
    QStringLiteral("##e"),           // 20
    QStringLiteral("\u4E2D"),        // 21
    QStringLiteral("\u56FD"),        // 22
    QStringLiteral("a"),             // 23
    QStringLiteral("##a"),           // 24
    QStringLiteral("the"),           // 25
    QStringLiteral("cat"),           // 26
    QStringLiteral("was"),           // 27
    QStringLiteral("$"),             // 28
    QStringLiteral("\u2014"),        // 29
    QStringLiteral("\u3072\u3089"),  // 30
    QStringLiteral("\U00020000"),    // 31
};

QStringList piecesOf(const Ids& ids) {
  QStringList pieces;
  for (const int id : ids) pieces << kVocab.value(id);
  return pieces;
}

}  // namespace

class WordPieceTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  QString vocabPath_;
  std::unique_ptr<WordPieceTokenizer> uncased_;
  std::unique_ptr<WordPieceTokenizer> cased_;

  QString writeVocab(const QString& name, const QByteArray& bytes) {
    return test::writeFile(dir_, name, bytes);
  }
  // Runs fn, which must throw InputError naming path; returns the error's message.
  template <typename Fn>
  QString inputErrorOf(Fn fn, const QString& path) {
    try {
      fn();
    } catch (const InputError& e) {
      if (e.file() != path || !QString::fromUtf8(e.what()).contains(path)) return QString();
      return e.message();
    }
    return QString();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    vocabPath_ =
        writeVocab(QStringLiteral("vocab.txt"), kVocab.join(QLatin1Char('\n')).toUtf8() + '\n');
    uncased_ = WordPieceTokenizer::fromVocabFile(vocabPath_, /*lowercase=*/true);
    cased_ = WordPieceTokenizer::fromVocabFile(vocabPath_, /*lowercase=*/false);
  }

  void readsVocabularyAndSpecials() {
    QCOMPARE(uncased_->vocabSize(), kVocab.size());
    const SpecialIds s = uncased_->specials();
    QCOMPARE(s.pad, 0);
    QCOMPARE(s.unk, 1);
    QCOMPARE(s.cls, 2);
    QCOMPARE(s.sep, 3);
    QCOMPARE(s.mask, 4);
    QCOMPARE(uncased_->piece(6), QStringLiteral("##aff"));
    QCOMPARE(uncased_->piece(31), QStringLiteral("\U00020000"));
    QVERIFY(uncased_->piece(kVocab.size()).isEmpty());
    QVERIFY(uncased_->piece(-1).isEmpty());
  }

  void encodes_data() {
    QTest::addColumn<bool>("lowercase");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Ids>("ids");
    const auto row = [](const char* name, bool lower, const QString& text, const Ids& ids) {
      QTest::newRow(name) << lower << text << ids;
    };
    row("unaffable", true, QStringLiteral("unaffable"), {5, 6, 7});
    // BERT's own documented example.
    row("bert example uncased", true, QStringLiteral("UNwant\u00E9d,running"),
        {5, 8, 9, 10, 11, 12});
    row("bert example cased", false, QStringLiteral("UNwant\u00E9d,running"), {1, 10, 11, 12});
    row("ascii punctuation", true, QStringLiteral("hello,world!"), {13, 10, 14, 15});
    row("ascii symbol is punctuation", true, QStringLiteral("hello$world"), {13, 28, 14});
    row("unicode punctuation", true, QStringLiteral("hello\u2014world."), {13, 29, 14, 16});
    row("uncased strips accents", true, QStringLiteral("caf\u00E9"), {18, 20});
    row("uncased lowers then strips", true, QStringLiteral("CAF\u00C9"), {18, 20});
    row("uncased strips combining mark", true, QStringLiteral("cafe\u0301"), {18, 20});
    row("uncased lone accented letter", true, QStringLiteral("\u00E9"), {1});
    row("cased keeps accents", false, QStringLiteral("caf\u00E9"), {18, 19});
    row("cased lone accented letter", false, QStringLiteral("\u00E9"), {17});
    row("cased keeps capitals", false, QStringLiteral("Hello"), {1});
    row("cjk one per token", true, QStringLiteral("\u4E2D\u56FD"), {21, 22});
    row("cjk inside a word", true, QStringLiteral("hello\u4E2D\u56FDworld"), {13, 21, 22, 14});
    row("cjk outside the bmp", true, QStringLiteral("\U00020000\u4E2D"), {31, 21});
    row("hiragana is not split", true, QStringLiteral("\u3072\u3089"), {30});
    row("unknown word", true, QStringLiteral("hello xyz world"), {13, 1, 14});
    row("uncoverable word is one unk", true, QStringLiteral("unx"), {1});
    row("100 chars", true, QString(100, QLatin1Char('a')), [] {
      Ids ids(100, 24);
      ids[0] = 23;
      return ids;
    }());
    row("101 chars", true, QString(101, QLatin1Char('a')), {1});
    row("cleaning", true,
        QStringLiteral("hel") + QChar(0) +
            QStringLiteral("lo\u0007\uFFFD world\u00A0c\u200Bat\tthe\r\nwas"),
        {13, 14, 26, 25, 27});
    row("specials stay whole", true, QStringLiteral("[CLS] hello [SEP]"), {2, 13, 3});
    row("specials inside text", true, QStringLiteral("[CLS]hello[MASK]"), {2, 13, 4});
    row("specials are case-sensitive", true, QStringLiteral("[cls]"), {1, 1, 1});
    row("empty", true, QString(), {});
  }
  void encodes() {
    QFETCH(bool, lowercase);
    QFETCH(QString, text);
    QFETCH(Ids, ids);
    const WordPieceTokenizer& t = lowercase ? *uncased_ : *cased_;
    QCOMPARE(t.tokenize(text), piecesOf(ids));
    QVERIFY(t.encode(text) == ids);
  }

  void decodeRoundTripsLowercaseText() {
    const QString text = QStringLiteral("the unaffable cat was running");
    const Ids ids = uncased_->encode(text);
    QVERIFY(ids == (Ids{25, 5, 6, 7, 26, 27, 11, 12}));
    QCOMPARE(uncased_->decode(ids), text);
  }
  void decodeSpacesPunctuationAndSpecials() {
    QCOMPARE(uncased_->decode({2, 13, 10, 14, 3}), QStringLiteral("[CLS] hello , world [SEP]"));
    QCOMPARE(uncased_->decode({13, 999}), QStringLiteral("hello [UNK]"));
    QCOMPARE(uncased_->decode({}), QString());
  }

  void toleratesBomAndCrlf() {
    const QString path =
        writeVocab(QStringLiteral("bom/vocab.txt"), "\xEF\xBB\xBF[PAD]\r\n[UNK]\r\nhello\r\n");
    const auto t = WordPieceTokenizer::fromVocabFile(path, true);
    QCOMPARE(t->vocabSize(), 3);
    QCOMPARE(t->specials().pad, 0);
    QCOMPARE(t->specials().unk, 1);
    QCOMPARE(t->specials().cls, -1);
    QVERIFY(t->encode(QStringLiteral("Hello world")) == (Ids{2, 1}));
  }

  void missingFileIsNamed() {
    const QString path = dir_.filePath(QStringLiteral("nowhere/vocab.txt"));
    const QString message =
        inputErrorOf([&] { WordPieceTokenizer::fromVocabFile(path, true); }, path);
    QVERIFY2(!message.isEmpty(), "expected an InputError naming the file");
  }
  void emptyVocabularyIsRejected() {
    const QString path = writeVocab(QStringLiteral("empty/vocab.txt"), "\n");
    const QString message =
        inputErrorOf([&] { WordPieceTokenizer::fromVocabFile(path, true); }, path);
    QVERIFY2(message.contains(QStringLiteral("empty")), qPrintable(message));
  }
  void vocabularyWithoutUnkIsRejected() {
    const QString path = writeVocab(QStringLiteral("nounk/vocab.txt"), "[PAD]\n[CLS]\nhello\n");
    const QString message =
        inputErrorOf([&] { WordPieceTokenizer::fromVocabFile(path, true); }, path);
    QVERIFY2(message.contains(QStringLiteral("[UNK]")), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(WordPieceTest)
#include "test_wordpiece.moc"

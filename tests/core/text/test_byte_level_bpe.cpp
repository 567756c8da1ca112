// RoBERTa's byte-level BPE on a hand-made vocab.json + merges.txt: GPT-2's pre-tokenization
// pattern, the byte table, merges by rank, special tokens in text, decoding, and errors that
// name the file and line. (test_tokenizers_npm_reference checks real vocabularies.)
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "MultilingualText.h"
#include "TinyBpe.h"
#include "common/InputError.h"
#include "support/TestSupport.h"
#include "text/ByteLevel.h"
#include "text/ByteLevelBpeTokenizer.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

const QStringList& kMerges = test::kTinyMerges;

int byteId(char c) { return 4 + static_cast<unsigned char>(c); }
int mergeId(const char* merged) {
  for (int i = 0; i < kMerges.size(); ++i)
    if (QString(kMerges[i]).remove(QLatin1Char(' ')) == QString::fromUtf8(merged)) return 260 + i;
  return -1;
}

}  // namespace

class ByteLevelBpeTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  QString vocabPath_, mergesPath_;
  std::unique_ptr<ByteLevelBpeTokenizer> tok_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    vocabPath_ = test::writeFile(dir_, QStringLiteral("vocab.json"),
                                 QJsonDocument(test::tinyBpeVocab()).toJson());
    mergesPath_ = test::writeFile(dir_, QStringLiteral("merges.txt"), test::tinyMergesTxt());
    tok_ = ByteLevelBpeTokenizer::fromFiles(vocabPath_, mergesPath_);
  }

  void byteTableIsGpt2s() {
    QCOMPARE(bytelevel::charOfByte(' '), QChar(0x0120));   // Ġ
    QCOMPARE(bytelevel::charOfByte('\n'), QChar(0x010A));  // Ċ
    QCOMPARE(bytelevel::charOfByte(0), QChar(0x0100));
    QCOMPARE(bytelevel::charOfByte(0x7F), QChar(0x0121));
    QCOMPARE(bytelevel::charOfByte(0xA0), QChar(0x0142));
    QCOMPARE(bytelevel::charOfByte(0xAD), QChar(0x0143));
    QCOMPARE(bytelevel::charOfByte('A'), QChar('A'));
    QCOMPARE(bytelevel::charOfByte(0xE9), QChar(0xE9));
    for (int b = 0; b < 256; ++b) QCOMPARE(bytelevel::byteOfChar(bytelevel::charOfByte(b)), b);
    QCOMPARE(bytelevel::encode(QStringLiteral("é ")), QStringLiteral("Ã©Ġ"));
    for (const QString& line : test::multilingualText())
      QCOMPARE(bytelevel::decode(bytelevel::encode(line)), line);
    QCOMPARE(bytelevel::decode(QStringLiteral("Ã")), QString(QChar(0xFFFD)));  // a lone C3 byte
  }

  void preTokenizesAsGpt2Pattern_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    const auto row = [](const char* name, const QString& text, const QStringList& pieces) {
      QTest::newRow(name) << text << pieces;
    };
    row("words keep their leading space", "Hello world", {"Hello", " world"});
    row("contractions", "it's they'll we'd I'm",
        {"it", "'s", " they", "'ll", " we", "'d", " I", "'m"});
    row("contractions are case-sensitive", "IT'S", {"IT", "'", "S"});
    row("space before a quote", "a 's", {"a", " '", "s"});
    row("two spaces: one stays alone", "a  b", {"a", " ", " b"});
    row("trailing spaces", "end  ", {"end", "  "});
    row("newlines stand alone", "a\n\nb", {"a", "\n", "\n", "b"});
    row("tabs before a word", "\t\tx", {"\t", "\t", "x"});
    row("space and newline", "a \nb", {"a", " ", "\n", "b"});
    row("numbers", "x 123abc 4.5", {"x", " 123", "abc", " 4", ".", "5"});
    row("punctuation runs", "hi!!! ok?", {"hi", "!!!", " ok", "?"});
    row("accented letters", "naïve café", {"naïve", " café"});
    row("combining mark is not a letter", "cafe\u0301", {"cafe", "\u0301"});
    row("cjk", "日本語 中文", {"日本語", " 中文"});
    row("emoji", "😀 ok 👍🏽", {"😀", " ok", " 👍🏽"});
    row("nbsp is whitespace", "a\u00A0b", {"a", "\u00A0", "b"});
    row("empty", "", {});
  }
  void preTokenizesAsGpt2Pattern() {
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QCOMPARE(bytelevel::preTokenize(text), pieces);
    QCOMPARE(bytelevel::preTokenize(text).join(QString()), text);
  }

  void readsSpecialsAndSize() {
    const SpecialIds s = tok_->specials();
    QCOMPARE(s.cls, 0);
    QCOMPARE(s.pad, 1);
    QCOMPARE(s.sep, 2);
    QCOMPARE(s.unk, 3);
    QCOMPARE(s.mask, 260 + kMerges.size());
    QCOMPARE(tok_->vocabSize(), 261 + kMerges.size());
    QCOMPARE(tok_->piece(mergeId("Ġworld")), QStringLiteral("Ġworld"));
    QVERIFY(tok_->piece(tok_->vocabSize()).isEmpty());
  }

  void mergesByRank_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("merged word") << "hello" << QStringList{"hello"};
    QTest::newRow("no merge for Ġh") << " hello" << QStringList{"Ġ", "hello"};
    // Ġw (rank 6) goes before "o r" (7), then Ġwor, "l d" and Ġworld.
    QTest::newRow("chain of merges") << " world" << QStringList{"Ġworld"};
    QTest::newRow("the without space") << "the" << QStringList{"t", "he"};
    QTest::newRow("the with space") << " the" << QStringList{"Ġthe"};
    QTest::newRow("contraction merge") << "it's" << QStringList{"i", "t", "'s"};
    QTest::newRow("space run before a word") << "   x" << QStringList{"ĠĠ", "Ġ", "x"};
    QTest::newRow("repeated pair merges left to right") << "a   " << QStringList{"a", "ĠĠ", "Ġ"};
    QTest::newRow("unmerged bytes") << "é" << QStringList{"Ã", "©"};
    QTest::newRow("sentence") << "the hello world"
                              << QStringList{"t", "he", "Ġ", "hello", "Ġworld"};
  }
  void mergesByRank() {
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QCOMPARE(tok_->tokenize(text), pieces);
    QCOMPARE(tok_->tokenize(text), pieces);  // again, from the cache
  }

  void idsAreTheVocabularys() {
    QVERIFY(tok_->encode(QStringLiteral("é!")) ==
            (Ids{byteId('\xC3'), byteId('\xA9'), byteId('!')}));
    QVERIFY(tok_->encode(QStringLiteral("the world")) ==
            (Ids{byteId('t'), mergeId("he"), mergeId("Ġworld")}));
  }

  void specialTokensInText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("mask swallows the space before it")
        << "hello <mask> world" << QStringList{"hello", "<mask>", "Ġworld"};
    QTest::newRow("other specials keep spaces")
        << "<s>hello </s> world" << QStringList{"<s>", "hello", "Ġ", "</s>", "Ġworld"};
    QTest::newRow("glued") << "hello<mask>world" << QStringList{"hello", "<mask>", "w", "or", "ld"};
    QTest::newRow("not a special") << "<mask" << QStringList{"<", "m", "a", "s", "k"};
  }
  void specialTokensInText() {
    QFETCH(QString, text);
    QFETCH(QStringList, pieces);
    QCOMPARE(tok_->tokenize(text), pieces);
  }

  void addPrefixSpace() {
    ByteLevelBpeOptions o;
    o.addPrefixSpace = true;
    const auto tok = ByteLevelBpeTokenizer::fromFiles(vocabPath_, mergesPath_, o);
    QCOMPARE(tok->tokenize(QStringLiteral("world")), QStringList{"Ġworld"});
    QCOMPARE(tok->tokenize(QStringLiteral(" world")), QStringList{"Ġworld"});
  }

  void decodeRoundTrips() {
    for (const QString& line : test::multilingualText())
      QCOMPARE(tok_->decode(tok_->encode(line)), line);
    QCOMPARE(tok_->decode(tok_->encode(QStringLiteral("<s>hi <mask></s>"))),
             QStringLiteral("<s>hi<mask></s>"));
  }

  void malformedMergesNameFileAndLine() {
    const QString path =
        test::writeFile(dir_, QStringLiteral("bad/merges.txt"), "#version: 0.2\nĠ t\nh e x\n");
    const InputError e =
        test::inputErrorOf([&] { ByteLevelBpeTokenizer::fromFiles(vocabPath_, path); });
    QCOMPARE(e.file(), path);
    QCOMPARE(e.line(), 3);
    QVERIFY2(QString::fromUtf8(e.what()).contains(path + QStringLiteral(":3")), e.what());
  }
  void malformedVocabNamesFileAndLine() {
    const QString path =
        test::writeFile(dir_, QStringLiteral("bad/vocab.json"), "{\n  \"a\": 0,\n  \"b\" 1\n}\n");
    const InputError e =
        test::inputErrorOf([&] { ByteLevelBpeTokenizer::fromFiles(path, mergesPath_); });
    QCOMPARE(e.file(), path);
    QCOMPARE(e.line(), 3);
  }
  void nonIntegerIdNamesTheKey() {
    const QString path =
        test::writeFile(dir_, QStringLiteral("bad2/vocab.json"), R"({"a": 0, "hello": "x"})");
    const InputError e =
        test::inputErrorOf([&] { ByteLevelBpeTokenizer::fromFiles(path, mergesPath_); });
    QCOMPARE(e.file(), path);
    QVERIFY2(e.message().contains(QStringLiteral("'hello'")), qPrintable(e.message()));
  }
  void missingFileIsNamed() {
    const QString path = dir_.filePath(QStringLiteral("nowhere/merges.txt"));
    const InputError e =
        test::inputErrorOf([&] { ByteLevelBpeTokenizer::fromFiles(vocabPath_, path); });
    QCOMPARE(e.file(), path);
  }
};

QTEST_GUILESS_MAIN(ByteLevelBpeTest)
#include "test_byte_level_bpe.moc"

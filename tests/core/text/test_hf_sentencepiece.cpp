// XLM-R's and XLNet's sentencepiece tokenizers give the ids Hugging Face's give: each suite
// trains a small model laid out like the real one and compares every id with Python's
// sentencepiece plus Hugging Face's rules (tests/reference/tokenizers).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <algorithm>

#include "MultilingualText.h"
#include "support/TestSupport.h"
#include "text/HfSentencePieceTokenizer.h"
#include "text/HfTokenizer.h"
#include "text/SentencePieceTokenizer.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

const QString kScript =
    QStringLiteral(TWB_SOURCE_DIR "/tests/reference/tokenizers/hf_sentencepiece_reference.py");

// Texts with special tokens written in them, beside the multilingual sentences.
QStringList textsWithSpecials() {
  return {QStringLiteral("Hello <mask> world"),
          QStringLiteral("Hello<mask>world and <mask>"),
          QStringLiteral("<s>Hallo</s> Welt</s>"),
          QStringLiteral("text with <unk> and <pad> inside"),
          QStringLiteral("A <sep> B <sep> <cls>"),
          QStringLiteral("end of doc <eod> next <eop>"),
          QStringLiteral("UPPER <MASK> <mask> Mixed"),
          QStringLiteral("an unseen character 龘 and 𝔘 here"),
          QStringLiteral("1990, 2,5, x9,"),
          QString()};
}

QStringList strings(const QJsonArray& row) {
  QStringList out;
  for (const QJsonValue& v : row) out << v.toString();
  return out;
}

struct Reference {
  int size = 0;
  std::vector<Ids> ids;
  std::vector<QStringList> tokens;
  std::vector<QStringList> plainPieces;
};

// Runs the Python reference; an empty size with the reason in `error` when it cannot run.
Reference runReference(const QStringList& args, const QStringList& texts, QString& error) {
  QProcess python;
  const QString program = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
                              ? QStringLiteral("/usr/bin/python3")
                              : QStringLiteral("python3");
  python.start(program, QStringList{kScript} + args);
  python.write(QJsonDocument(QJsonArray::fromStringList(texts)).toJson());
  python.closeWriteChannel();
  Reference ref;
  if (!python.waitForFinished(120000) || python.exitCode() != 0) {
    error = QStringLiteral(
                "the Python reference (%1 %2) failed; it needs python3-sentencepiece "
                "(scripts/setup installs it): %3")
                .arg(program, kScript, QString::fromUtf8(python.readAllStandardError()));
    return ref;
  }
  const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
  ref.size = out.value(QStringLiteral("size")).toInt();
  const auto lists = [&out](const char* key, auto convert) {
    for (const QJsonValue& row : out.value(QLatin1String(key)).toArray()) convert(row.toArray());
  };
  lists("ids", [&](const QJsonArray& row) {
    Ids ids;
    for (const QJsonValue& v : row) ids.push_back(v.toInt());
    ref.ids.push_back(ids);
  });
  lists("tokens", [&](const QJsonArray& row) { ref.tokens.push_back(strings(row)); });
  lists("plain_pieces", [&](const QJsonArray& row) { ref.plainPieces.push_back(strings(row)); });
  return ref;
}

QString show(const Ids& ids) {
  QStringList s;
  for (int id : ids) s << QString::number(id);
  return s.join(QLatin1Char(' '));
}

}  // namespace

class HfSentencePieceTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  QString xlmr_;   // folder with sentencepiece.bpe.model
  QString xlnet_;  // folder with spiece.model
  QStringList texts_;

  // Every text's ids (and tokens) from `tokenizer` equal the reference's.
  void compareWithReference(const HfSentencePieceTokenizer& tokenizer, const Reference& ref) {
    QCOMPARE(ref.ids.size(), static_cast<size_t>(texts_.size()));
    for (int i = 0; i < texts_.size(); ++i) {
      const Ids ids = tokenizer.encode(texts_[i]);
      const QString message = QStringLiteral(
                                  "text '%1'\n  ours:      %2\n  reference: %3\n"
                                  "  our tokens:       %4\n  reference tokens: %5")
                                  .arg(texts_[i], show(ids), show(ref.ids[i]),
                                       tokenizer.tokenize(texts_[i]).join(QLatin1Char('|')),
                                       ref.tokens[i].join(QLatin1Char('|')));
      QVERIFY2(ids == ref.ids[i], qPrintable(message));
      QVERIFY2(tokenizer.tokenize(texts_[i]) == ref.tokens[i], qPrintable(message));
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    texts_ = test::multilingualText() + textsWithSpecials();
    SentencePieceTraining o;
    o.inputFile = test::writeFile(dir_, QStringLiteral("corpus.txt"), test::multilingualCorpus(40));
    o.vocabSize = 400;
    // XLM-R: a BPE model with <unk> 0, <s> 1, </s> 2 and no <pad>, as sentencepiece.bpe.model.
    QDir(dir_.path()).mkpath(QStringLiteral("xlmr"));
    xlmr_ = dir_.filePath(QStringLiteral("xlmr"));
    o.modelPrefix = xlmr_ + QStringLiteral("/sentencepiece.bpe");
    o.modelType = QStringLiteral("bpe");
    o.specialPieceFlags = QStringLiteral("--unk_id=0 --bos_id=1 --eos_id=2 --pad_id=-1");
    SentencePieceTokenizer::train(o);
    // XLNet: a unigram model with XLNet's nine specials first, as spiece.model; numbers and
    // punctuation may share a piece ("0,"), as in XLNet's model.
    QDir(dir_.path()).mkpath(QStringLiteral("xlnet"));
    xlnet_ = dir_.filePath(QStringLiteral("xlnet"));
    o.modelPrefix = xlnet_ + QStringLiteral("/spiece");
    o.modelType = QStringLiteral("unigram");
    o.specialPieceFlags = QStringLiteral(
        "--unk_id=0 --bos_id=1 --eos_id=2 --pad_id=5 --control_symbols=<cls>,<sep>,<mask> "
        "--user_defined_symbols=<eod>,<eop>");
    o.extraFlags = QStringLiteral("--split_by_number=false");
    SentencePieceTokenizer::train(o);
  }

  void xlmRobertaUsesFairseqIds() {
    const auto tok = HfSentencePieceTokenizer::loadXlmRoberta(xlmr_ + "/sentencepiece.bpe.model");
    QString error;
    const Reference ref = runReference(
        {"--scheme", "xlm-roberta", "--model", xlmr_ + "/sentencepiece.bpe.model"}, texts_, error);
    QVERIFY2(ref.size > 0, qPrintable(error));
    const SpecialIds s = tok->specials();
    QCOMPARE(s.cls, 0);
    QCOMPARE(s.pad, 1);
    QCOMPARE(s.sep, 2);
    QCOMPARE(s.unk, 3);
    QCOMPARE(s.mask, ref.size + 1);
    QCOMPARE(tok->vocabSize(), ref.size + 2);
    QCOMPARE(tok->piece(0), QStringLiteral("<s>"));
    QCOMPARE(tok->piece(ref.size + 1), QStringLiteral("<mask>"));
    compareWithReference(*tok, ref);
  }

  void xlmRobertaFactsUsersRelyOn() {
    const auto tok = loadHfTokenizer(xlmr_, QStringLiteral("xlm-roberta"));
    // Text sentencepiece cannot cover is fairseq's <unk> (3), never sentencepiece's 0 + 1.
    const Ids unseen = tok->encode(QStringLiteral("龘"));
    QVERIFY2(std::find(unseen.begin(), unseen.end(), 3) != unseen.end(), qPrintable(show(unseen)));
    // <mask> swallows the space before it, so "world <mask>" ends in the mask id.
    const Ids masked = tok->encode(QStringLiteral("Hello <mask>"));
    QCOMPARE(masked.back(), tok->specials().mask);
    QVERIFY(tok->piece(masked.front()).startsWith(QStringLiteral("▁")));
    const QString covered = QStringLiteral("The quick brown fox, Привет");
    QCOMPARE(tok->decode(tok->encode(covered)), covered);
    for (int id : tok->encode(test::multilingualText().first())) QVERIFY(id > 3);
  }

  void xlnetKeepsSentencepieceIds() {
    const auto tok = HfSentencePieceTokenizer::loadXlnet(xlnet_ + "/spiece.model");
    QString error;
    const Reference ref =
        runReference({"--scheme", "xlnet", "--model", xlnet_ + "/spiece.model"}, texts_, error);
    QVERIFY2(ref.size > 0, qPrintable(error));
    const SpecialIds s = tok->specials();
    QCOMPARE(s.unk, 0);
    QCOMPARE(s.cls, 3);
    QCOMPARE(s.sep, 4);
    QCOMPARE(s.pad, 5);
    QCOMPARE(s.mask, 6);
    QCOMPARE(tok->vocabSize(), ref.size);
    compareWithReference(*tok, ref);
    // The fixture exercises the digit-comma rule: sentencepiece alone gives a piece such as
    // "0," on the numbers line, which Hugging Face (and so the reference) splits.
    const int numbers = test::multilingualText().indexOf(QRegularExpression("^Numbers.*"));
    QVERIFY(numbers >= 0);
    bool digitComma = false;
    for (const QString& p : ref.plainPieces[numbers])
      digitComma = digitComma || QRegularExpression(QStringLiteral("\\d,$")).match(p).hasMatch();
    QVERIFY2(digitComma, qPrintable(ref.plainPieces[numbers].join('|')));
    for (const QString& t : ref.tokens[numbers])
      QVERIFY2(t == QLatin1String(",") || !t.endsWith(QLatin1Char(',')), qPrintable(t));
  }

  void xlnetOptionsFromTokenizerConfig_data() {
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QStringList>("flags");
    QTest::newRow("defaults") << QByteArray("{}") << QStringList();
    QTest::newRow("lower-cased") << QByteArray(R"({"do_lower_case": true})")
                                 << QStringList{"--lower"};
    QTest::newRow("accents kept") << QByteArray(R"({"keep_accents": true})")
                                  << QStringList{"--keep-accents"};
    QTest::newRow("spaces kept") << QByteArray(R"({"remove_space": false})")
                                 << QStringList{"--keep-space"};
  }
  void xlnetOptionsFromTokenizerConfig() {
    QFETCH(QByteArray, config);
    QFETCH(QStringList, flags);
    QTemporaryDir folder;
    QFile::copy(xlnet_ + "/spiece.model", folder.filePath(QStringLiteral("spiece.model")));
    test::writeFile(folder, QStringLiteral("tokenizer_config.json"), config);
    const auto tok = loadHfTokenizer(folder.path(), QStringLiteral("xlnet"));
    QCOMPARE(tok->specials().cls, 3);  // <cls>, <sep>, <pad>, <mask>, <unk> by piece
    QCOMPARE(tok->specials().sep, 4);
    QCOMPARE(tok->specials().pad, 5);
    QCOMPARE(tok->specials().mask, 6);
    QCOMPARE(tok->specials().unk, 0);
    QString error;
    const Reference ref =
        runReference(QStringList{"--scheme", "xlnet", "--model", xlnet_ + "/spiece.model"} + flags,
                     texts_, error);
    QVERIFY2(ref.size > 0, qPrintable(error));
    for (int i = 0; i < texts_.size(); ++i) {
      const Ids ids = tok->encode(texts_[i]);
      QVERIFY2(ids == ref.ids[i], qPrintable(QStringLiteral("'%1': %2 vs reference %3")
                                                 .arg(texts_[i], show(ids), show(ref.ids[i]))));
    }
  }

  void xlnetCleansTextAsHuggingFace() {
    const auto tok = HfSentencePieceTokenizer::loadXlnet(xlnet_ + "/spiece.model");
    QVERIFY(tok->encode(QStringLiteral("``quoted''")) == tok->encode(QStringLiteral("\"quoted\"")));
    QVERIFY(tok->encode(QStringLiteral("  schön\t und  ")) ==
            tok->encode(QStringLiteral("schon und")));
    XlnetTextOptions lower;
    lower.lowercase = true;
    QCOMPARE(xlnetPreprocess(QStringLiteral(" Ça\u00A0 VA\n"), lower), QStringLiteral("ca va"));
    XlnetTextOptions keep;
    keep.keepAccents = true;
    keep.removeSpace = false;
    QCOMPARE(xlnetPreprocess(QStringLiteral(" Ça  va "), keep), QStringLiteral(" Ça  va "));
    QVERIFY(isPythonSpace(0x1C));
    QVERIFY(isPythonDigit(0x00B2));   // superscript two: Python's isdigit, not Nd
    QVERIFY(!isPythonDigit(0x2155));  // vulgar fraction: numeric, not a digit
  }
};

QTEST_GUILESS_MAIN(HfSentencePieceTest)
#include "test_hf_sentencepiece.moc"

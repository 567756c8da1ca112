// tokenizer.json (Hugging Face's fast-tokenizer format): WordPiece with each BertNormalizer
// switch, byte-level BPE equal to vocab.json + merges.txt, added tokens with their flags, and
// errors that name the file and key for what is not supported.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "TinyBpe.h"
#include "common/InputError.h"
#include "support/TestSupport.h"
#include "text/ByteLevelBpeTokenizer.h"
#include "text/TokenizerJson.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

const QStringList kWordPieceVocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                                     "hello", "héllo", "中",    "国",    "中国",
                                     "##ing", "run",   "!",     "Hello", "a\u0007b"};

QJsonObject addedToken(int id, const QString& content, bool special = true) {
  return QJsonObject{{"id", id},          {"content", content}, {"single_word", false},
                     {"lstrip", false},   {"rstrip", false},    {"normalized", false},
                     {"special", special}};
}

QJsonObject wordPieceJson(const QJsonValue& normalizer) {
  QJsonObject vocab;
  for (int i = 0; i < kWordPieceVocab.size(); ++i) vocab.insert(kWordPieceVocab[i], i);
  QJsonArray added;
  for (int i = 0; i < 5; ++i) added.append(addedToken(i, kWordPieceVocab[i]));
  added.append(addedToken(15, QStringLiteral("<new>"), false));  // beyond the vocabulary
  return QJsonObject{{"version", "1.0"},
                     {"added_tokens", added},
                     {"normalizer", normalizer},
                     {"pre_tokenizer", QJsonObject{{"type", "BertPreTokenizer"}}},
                     {"model", QJsonObject{{"type", "WordPiece"},
                                           {"unk_token", "[UNK]"},
                                           {"continuing_subword_prefix", "##"},
                                           {"max_input_chars_per_word", 100},
                                           {"vocab", vocab}}}};
}

QJsonObject bertNormalizer(bool lowercase, const QJsonValue& stripAccents, bool chinese,
                           bool clean) {
  return QJsonObject{{"type", "BertNormalizer"},
                     {"lowercase", lowercase},
                     {"strip_accents", stripAccents},
                     {"handle_chinese_chars", chinese},
                     {"clean_text", clean}};
}

}  // namespace

class TokenizerJsonTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  int files_ = 0;

  QString write(const QJsonObject& json) {
    return test::writeFile(dir_, QStringLiteral("t%1/tokenizer.json").arg(files_++),
                           QJsonDocument(json).toJson());
  }
  std::unique_ptr<Tokenizer> load(const QJsonObject& json) {
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(QStringLiteral("bert"));
    return loadTokenizerJson(write(json), o);
  }
  // The InputError of loading json; its file must be the one written.
  InputError errorOf(const QJsonObject& json, const QString& family = QStringLiteral("bert")) {
    const QString path = write(json);
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(family);
    try {
      loadTokenizerJson(path, o);
    } catch (const InputError& e) {
      if (e.file() != path) return InputError(QStringLiteral("wrong file: ") + e.file());
      return e;
    }
    return InputError(QStringLiteral("no InputError"));
  }

 private Q_SLOTS:
  void wordPieceNormalizerSwitches_data() {
    QTest::addColumn<QJsonValue>("normalizer");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Ids>("ids");
    const QJsonValue unset = QJsonValue::Null;
    QTest::newRow("lowercase strips accents")
        << QJsonValue(bertNormalizer(true, unset, true, true)) << "HÉLLO" << Ids{5};
    QTest::newRow("lowercase, accents kept")
        << QJsonValue(bertNormalizer(true, false, true, true)) << "HÉLLO" << Ids{6};
    QTest::newRow("accents stripped, case kept")
        << QJsonValue(bertNormalizer(false, true, true, true)) << "Héllo" << Ids{13};
    QTest::newRow("chinese split")
        << QJsonValue(bertNormalizer(true, unset, true, true)) << "中国" << Ids{7, 8};
    QTest::newRow("chinese kept") << QJsonValue(bertNormalizer(true, unset, false, true)) << "中国"
                                  << Ids{9};
    QTest::newRow("controls dropped")
        << QJsonValue(bertNormalizer(true, unset, true, true)) << "a\u0007b" << Ids{1};
    QTest::newRow("controls kept")
        << QJsonValue(bertNormalizer(true, unset, true, false)) << "a\u0007b" << Ids{14};
    QTest::newRow("no normalizer") << QJsonValue(QJsonValue::Null) << "Hello héllo" << Ids{13, 6};
    QTest::newRow("specials and added tokens")
        << QJsonValue(bertNormalizer(true, unset, true, true)) << "[CLS]hello<new> runing!"
        << Ids{2, 5, 15, 11, 10, 12};
  }
  void wordPieceNormalizerSwitches() {
    QFETCH(QJsonValue, normalizer);
    QFETCH(QString, text);
    QFETCH(Ids, ids);
    const auto tok = load(wordPieceJson(normalizer));
    QVERIFY(tok->encode(text) == ids);
    QCOMPARE(tok->vocabSize(), 16);
    QCOMPARE(tok->specials().mask, 4);
    QCOMPARE(tok->piece(15), QStringLiteral("<new>"));
  }

  void configOverridesTheNormalizer() {
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(QStringLiteral("bert"));
    o.lowercase = false;
    const auto tok = loadTokenizerJson(
        write(wordPieceJson(bertNormalizer(true, QJsonValue::Null, true, true))), o);
    QVERIFY(tok->encode(QStringLiteral("Hello")) == (Ids{13}));
  }

  void byteLevelBpeEqualsVocabAndMerges() {
    const QString vocab = test::writeFile(dir_, QStringLiteral("files/vocab.json"),
                                          QJsonDocument(test::tinyBpeVocab()).toJson());
    const QString merges =
        test::writeFile(dir_, QStringLiteral("files/merges.txt"), test::tinyMergesTxt());
    const auto files = ByteLevelBpeTokenizer::fromFiles(vocab, merges);
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(QStringLiteral("roberta"));
    const auto json = loadTokenizerJson(write(test::tinyBpeTokenizerJson()), o);
    // Newer files write merges as [left, right] pairs.
    QJsonObject pairs = test::tinyBpeTokenizerJson();
    QJsonObject model = pairs.value("model").toObject();
    QJsonArray list;
    for (const QString& m : test::kTinyMerges)
      list.append(QJsonArray::fromStringList(m.split(' ')));
    model.insert("merges", list);
    pairs.insert("model", model);
    const auto fromPairs = loadTokenizerJson(write(pairs), o);
    for (const QString& text : {QStringLiteral("the hello world <mask>!"),
                                QStringLiteral("<s>it's   x</s> héllo wörld")}) {
      QVERIFY(json->encode(text) == files->encode(text));
      QVERIFY(fromPairs->encode(text) == files->encode(text));
    }
    QCOMPARE(json->vocabSize(), files->vocabSize());
    QCOMPARE(json->specials().mask, files->specials().mask);
    QCOMPARE(json->specials().cls, 0);
  }

  void byteLevelAddPrefixSpace() {
    QJsonObject j = test::tinyBpeTokenizerJson();
    QJsonObject pre = j.value("pre_tokenizer").toObject();
    pre.insert("add_prefix_space", true);
    j.insert("pre_tokenizer", pre);
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(QStringLiteral("roberta"));
    QCOMPARE(loadTokenizerJson(write(j), o)
                 ->piece(loadTokenizerJson(write(j), o)->encode(QStringLiteral("world")).front()),
             QStringLiteral("Ġworld"));
    o.addPrefixSpace = false;  // tokenizer_config.json's add_prefix_space wins
    QCOMPARE(loadTokenizerJson(write(j), o)->encode(QStringLiteral("world")).size(), size_t{3});
  }

  void addedTokenFlags() {
    QJsonObject j = test::tinyBpeTokenizerJson();
    QJsonArray added = j.value("added_tokens").toArray();
    QJsonObject glued = addedToken(400, QStringLiteral("[R]"), false);
    glued.insert("rstrip", true);
    QJsonObject word = addedToken(401, QStringLiteral("ll"), false);
    word.insert("single_word", true);
    added.append(glued);
    added.append(word);
    j.insert("added_tokens", added);
    TokenizerJsonOptions o;
    o.specials = SpecialTokenSet::forFamily(QStringLiteral("roberta"));
    const auto tok = loadTokenizerJson(write(j), o);
    // rstrip swallows the spaces after [R]: "world" then has no leading space.
    const Ids ids = tok->encode(QStringLiteral("[R]   world"));
    QCOMPARE(ids.front(), 400);
    QCOMPARE(tok->piece(ids[1]), QStringLiteral("w"));
    // single_word: "ll" is the added token alone, not inside "hello".
    QCOMPARE(tok->encode(QStringLiteral("ll")).front(), 401);
    const Ids inside = tok->encode(QStringLiteral("hello"));
    QVERIFY(std::find(inside.begin(), inside.end(), 401) == inside.end());
    QCOMPARE(tok->vocabSize(), 402);
  }

  void unsupportedPartsNameFileAndKey_data() {
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("key");
    QJsonObject unigram = wordPieceJson(QJsonValue::Null);
    unigram.insert("model", QJsonObject{{"type", "Unigram"},
                                        {"unk_id", 0},
                                        {"vocab", QJsonArray{QJsonArray{"<unk>", 0.0}}}});
    QTest::newRow("unigram") << unigram << "model.type";
    QTest::newRow("other normalizer")
        << wordPieceJson(QJsonObject{{"type", "NFC"}}) << "normalizer.type";
    QJsonObject metaspace = test::tinyBpeTokenizerJson();
    metaspace.insert("pre_tokenizer", QJsonObject{{"type", "Metaspace"}});
    QTest::newRow("bpe without byte level") << metaspace << "pre_tokenizer.type";
    QJsonObject badMerge = test::tinyBpeTokenizerJson();
    QJsonObject model = badMerge.value("model").toObject();
    model.insert("merges", QJsonArray{"a b", "c d e"});
    badMerge.insert("model", model);
    QTest::newRow("bad merge") << badMerge << "model.merges[1]";
    QJsonObject badId = wordPieceJson(QJsonValue::Null);
    QJsonObject added = addedToken(-3, QStringLiteral("[X]"));
    badId.insert("added_tokens", QJsonArray{added});
    QTest::newRow("negative id") << badId << "added_tokens[0].id";
    QTest::newRow("no model") << QJsonObject{{"version", "1.0"}} << "model";
    // Found by fuzz_tokenizer_json: an id near 2^31 overflowed the vocabulary size and asked
    // for a table of gigabytes.
    QJsonObject hugeId = wordPieceJson(QJsonValue::Null);
    QJsonObject hugeModel = hugeId.value("model").toObject();
    QJsonObject vocab = hugeModel.value("vocab").toObject();
    vocab.insert("run", 2147483647);
    hugeModel.insert("vocab", vocab);
    hugeId.insert("model", hugeModel);
    QTest::newRow("huge id") << hugeId << "model.vocab.run";
  }
  void unsupportedPartsNameFileAndKey() {
    QFETCH(QJsonObject, json);
    QFETCH(QString, key);
    const InputError e = errorOf(json);
    QVERIFY2(e.message().contains(QStringLiteral("'%1'").arg(key)), e.what());
    if (key == QLatin1String("model.type"))
      QVERIFY2(e.message().contains(QStringLiteral("spiece.model")), e.what());
  }

  // Found by fuzz_tokenizer_json: an added token given [UNK]'s id hid [UNK], and unknown words
  // were encoded as id -1.
  void anAddedTokenMayNotTakeTheUnknownTokensId() {
    QJsonObject json = wordPieceJson(QJsonValue::Null);
    QJsonArray added = json.value("added_tokens").toArray();
    added.replace(1, addedToken(1, QStringLiteral("[zNK]")));
    json.insert("added_tokens", added);
    const InputError e = errorOf(json);
    QVERIFY2(e.message().contains(QStringLiteral("'[zNK]' takes id 1")) &&
                 e.message().contains(QStringLiteral("[UNK]")),
             e.what());
  }

  void syntaxErrorNamesTheLine() {
    const QString path =
        test::writeFile(dir_, QStringLiteral("bad/tokenizer.json"), "{\n\"model\": {\n  ,\n}}");
    try {
      loadTokenizerJson(path, {});
      QFAIL("loaded broken JSON");
    } catch (const InputError& e) {
      QCOMPARE(e.file(), path);
      QCOMPARE(e.line(), 3);
    }
  }
};

QTEST_GUILESS_MAIN(TokenizerJsonTest)
#include "test_tokenizer_json.moc"

// loadHfTokenizer / hfTokenizerFiles: which files of a checkpoint folder are used, which
// settings win, what the specials mean per family, and errors that name the folder and files.
#include <QJsonDocument>
#include <QtTest>

#include "TinyBpe.h"
#include "common/InputError.h"
#include "support/TestSupport.h"
#include "text/HfTokenizer.h"

using namespace twb;

namespace {

using Ids = std::vector<int>;

// [PAD] 0 [UNK] 1 [CLS] 2 [SEP] 3 [MASK] 4 hello 5 Hello 6 café 7 cafe 8 domain 9
const QByteArray kVocabTxt =
    "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nHello\ncafé\ncafe\ndomain\n";

QByteArray bertTokenizerJson(bool lowercase) {
  return QStringLiteral(R"({"added_tokens": [{"id": 4, "content": "[MASK]", "special": true}],
    "normalizer": {"type": "BertNormalizer", "lowercase": %1, "strip_accents": null,
                   "handle_chinese_chars": true, "clean_text": true},
    "pre_tokenizer": {"type": "BertPreTokenizer"},
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
              "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "hello": 5,
                        "Hello": 6, "café": 7, "cafe": 8}}})")
      .arg(lowercase ? "true" : "false")
      .toUtf8();
}

}  // namespace

class HfTokenizerTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  int folders_ = 0;

  // A new folder holding the given files.
  QString folder(const QList<QPair<QString, QByteArray>>& files) {
    const QString name = QStringLiteral("f%1").arg(folders_++);
    QDir(dir_.path()).mkpath(name);
    for (const auto& [file, bytes] : files) test::writeFile(dir_, name + '/' + file, bytes);
    return dir_.filePath(name);
  }

 private Q_SLOTS:
  void bertCaseSettings_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<Ids>("ids");  // of "Hello café"
    QTest::newRow("default lower-cases") << folder({{"vocab.txt", kVocabTxt}}) << Ids{5, 8};
    QTest::newRow("tokenizer_config cased")
        << folder(
               {{"vocab.txt", kVocabTxt}, {"tokenizer_config.json", R"({"do_lower_case": false})"}})
        << Ids{6, 7};
    QTest::newRow("lower-cased, accents kept")
        << folder({{"vocab.txt", kVocabTxt},
                   {"tokenizer_config.json", R"({"do_lower_case": true, "strip_accents": false})"}})
        << Ids{5, 7};
    QTest::newRow("tokenizer.json normalizer when no config")
        << folder({{"vocab.txt", kVocabTxt}, {"tokenizer.json", bertTokenizerJson(false)}})
        << Ids{6, 7};
    QTest::newRow("config wins over tokenizer.json")
        << folder({{"vocab.txt", kVocabTxt},
                   {"tokenizer.json", bertTokenizerJson(false)},
                   {"tokenizer_config.json", R"({"do_lower_case": true})"}})
        << Ids{5, 8};
    QTest::newRow("tokenizer.json alone")
        << folder({{"tokenizer.json", bertTokenizerJson(true)}}) << Ids{5, 8};
  }
  void bertCaseSettings() {
    QFETCH(QString, path);
    QFETCH(Ids, ids);
    const auto tok = loadHfTokenizer(path, QStringLiteral("bert"));
    QVERIFY(tok->encode(QStringLiteral("Hello café")) == ids);
    const SpecialIds s = tok->specials();
    QCOMPARE(s.pad, 0);
    QCOMPARE(s.unk, 1);
    QCOMPARE(s.cls, 2);
    QCOMPARE(s.sep, 3);
    QCOMPARE(s.mask, 4);
    QVERIFY(tok->encode(QStringLiteral("hello[MASK]")) == (Ids{5, 4}));
  }

  void bertAddedTokensJson() {
    const auto tok = loadHfTokenizer(
        folder({{"vocab.txt", kVocabTxt}, {"added_tokens.json", R"({"<ent>": 10})"}}),
        QStringLiteral("bert"));
    QVERIFY(tok->encode(QStringLiteral("hello<ent>domain")) == (Ids{5, 10, 9}));
    QCOMPARE(tok->vocabSize(), 11);
  }

  void robertaPrefersVocabJsonAndMerges() {
    const QByteArray vocab = QJsonDocument(test::tinyBpeVocab()).toJson();
    const QString both = folder({{"vocab.json", vocab},
                                 {"merges.txt", test::tinyMergesTxt()},
                                 {"tokenizer.json", R"({"model": {"type": "Unigram"}})"}});
    const auto tok = loadHfTokenizer(both, QStringLiteral("roberta"));
    QCOMPARE(tok->piece(tok->encode(QStringLiteral(" world")).front()), QStringLiteral("Ġworld"));
    const SpecialIds s = tok->specials();
    QCOMPARE(s.cls, 0);
    QCOMPARE(s.pad, 1);
    QCOMPARE(s.sep, 2);
    QCOMPARE(s.unk, 3);
    QCOMPARE(s.mask, 260 + static_cast<int>(test::kTinyMerges.size()));
    QVERIFY(tok->encode(QStringLiteral("hello <mask>")) == (Ids{265, s.mask}));
  }
  void robertaFallsBackToTokenizerJson() {
    const auto tok = loadHfTokenizer(
        folder({{"tokenizer.json", QJsonDocument(test::tinyBpeTokenizerJson()).toJson()},
                {"tokenizer_config.json", R"({"add_prefix_space": true})"}}),
        QStringLiteral("roberta"));
    QCOMPARE(tok->piece(tok->encode(QStringLiteral("world")).front()), QStringLiteral("Ġworld"));
    QCOMPARE(tok->specials().cls, 0);
  }
  void specialTokensMapRenamesSpecials() {
    const auto tok =
        loadHfTokenizer(folder({{"vocab.txt", kVocabTxt},
                                {"special_tokens_map.json", R"({"mask_token": "domain"})"}}),
                        QStringLiteral("bert"));
    QCOMPARE(tok->specials().mask, 9);
  }

  void missingFilesNameFolderAndFiles() {
    const QString empty = folder({{"config.json", "{}"}});
    for (const auto& [type, wanted] :
         QList<QPair<QString, QString>>{{"bert", "vocab.txt"},
                                        {"roberta", "vocab.json + merges.txt"},
                                        {"xlm-roberta", "sentencepiece.bpe.model"},
                                        {"xlnet", "spiece.model"}}) {
      const InputError e = test::inputErrorOf([&] { loadHfTokenizer(empty, type); });
      QCOMPARE(e.file(), empty);
      QVERIFY2(e.message().contains(wanted) && e.message().contains("tokenizer.json"), e.what());
    }
    // merges.txt alone is not enough either.
    const QString half = folder({{"vocab.json", QJsonDocument(test::tinyBpeVocab()).toJson()}});
    QVERIFY(test::inputErrorOf([&] { loadHfTokenizer(half, "roberta"); })
                .message()
                .contains("merges.txt"));
  }
  void unigramTokenizerJsonIsRefusedClearly() {
    const QString path =
        folder({{"tokenizer.json", R"({"model": {"type": "Unigram", "vocab": [["<unk>", 0]]}})"}});
    const InputError e = test::inputErrorOf([&] { loadHfTokenizer(path, "xlm-roberta"); });
    QVERIFY2(e.file().endsWith("tokenizer.json") && e.message().contains("model.type"), e.what());
  }
  void anotherTokenizerClassIsRefused() {
    const QString path =
        folder({{"tokenizer.json", bertTokenizerJson(true)},
                {"tokenizer_config.json", R"({"tokenizer_class": "BertJapaneseTokenizer"})"}});
    const InputError e = test::inputErrorOf([&] { loadHfTokenizer(path, "bert"); });
    QVERIFY2(
        e.file().endsWith("tokenizer_config.json") && e.message().contains("BertJapaneseTokenizer"),
        e.what());
    const QString fast =
        folder({{"tokenizer.json", bertTokenizerJson(true)},
                {"tokenizer_config.json", R"({"tokenizer_class": "BertTokenizerFast"})"}});
    QVERIFY(loadHfTokenizer(fast, "bert") != nullptr);
  }
  void unknownModelTypeIsRefused() {
    const InputError e = test::inputErrorOf([&] { loadHfTokenizer(dir_.path(), "gpt2"); });
    QVERIFY2(e.message().contains("'gpt2'"), e.what());
  }

  void listsTheFamilysFiles() {
    const QString path = folder({{"vocab.txt", "x"},
                                 {"vocab.json", "{}"},
                                 {"merges.txt", ""},
                                 {"spiece.model", "x"},
                                 {"tokenizer.json", "{}"},
                                 {"tokenizer_config.json", "{}"},
                                 {"special_tokens_map.json", "{}"},
                                 {"config.json", "{}"}});
    QCOMPARE(hfTokenizerFiles(path, "bert"),
             (QStringList{"vocab.txt", "tokenizer.json", "tokenizer_config.json",
                          "special_tokens_map.json"}));
    QCOMPARE(hfTokenizerFiles(path, "roberta"),
             (QStringList{"vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json",
                          "special_tokens_map.json"}));
    QCOMPARE(hfTokenizerFiles(path, "xlnet"),
             (QStringList{"spiece.model", "tokenizer.json", "tokenizer_config.json",
                          "special_tokens_map.json"}));
    QCOMPARE(hfTokenizerFiles(path, "xlm-roberta"),
             (QStringList{"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}));
  }
};

QTEST_GUILESS_MAIN(HfTokenizerTest)
#include "test_hf_tokenizer.moc"

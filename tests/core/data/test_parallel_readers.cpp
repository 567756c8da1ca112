// Tests of the parallel-corpus readers: gettext .mo files in both byte orders (context, plurals),
// UDHR HTML aligned with English by structure, CLDR emoji names, one version per language,
// language codes, aligned() pairs and repeated texts dropped. Every fixture is written by the
// test. The catalog's side (cache, checksum, fetch) is in test_parallel_catalog.cpp.
#include <QtEndian>
#include <QtTest>
#include <algorithm>

#include "common/InputError.h"
#include "data/CldrReader.h"
#include "data/GettextReader.h"
#include "data/LanguageCodes.h"
#include "data/MoFile.h"
#include "data/ParallelCorpus.h"
#include "data/UdhrReader.h"
#include "support/TestSupport.h"

namespace {

using Messages = QVector<QPair<QByteArray, QByteArray>>;

// A .mo file as msgfmt lays it out: header, the two tables, then the strings (NUL-terminated).
// revision 0x00010001 (major 1) adds system-dependent string tables, empty here.
QByteArray buildMo(Messages messages, bool bigEndian, quint32 revision = 0) {
  std::sort(messages.begin(), messages.end());
  const quint32 count = static_cast<quint32>(messages.size());
  const quint32 headerWords = revision >> 16 ? 12 : 7;
  const quint32 originals = 4 * headerWords;
  const quint32 translations = originals + 8 * count;
  quint32 offset = translations + 8 * count;
  QByteArray tables;
  QByteArray strings;
  QVector<quint32> words{0x950412de, revision, count, originals, translations, 0, 0};
  words.resize(headerWords, 0);
  QVector<quint32> originalTable;
  QVector<quint32> translationTable;
  for (const auto& [source, translation] : messages) {
    originalTable << static_cast<quint32>(source.size()) << offset;
    strings += source + '\0';
    offset += static_cast<quint32>(source.size()) + 1;
  }
  for (const auto& [source, translation] : messages) {
    translationTable << static_cast<quint32>(translation.size()) << offset;
    strings += translation + '\0';
    offset += static_cast<quint32>(translation.size()) + 1;
  }
  QByteArray bytes;
  for (const QVector<quint32>* part : {&words, &originalTable, &translationTable}) {
    for (quint32 word : *part) {
      uchar buffer[4];
      if (bigEndian)
        qToBigEndian(word, buffer);
      else
        qToLittleEndian(word, buffer);
      bytes.append(reinterpret_cast<const char*>(buffer), 4);
    }
  }
  return bytes + strings;
}

const QByteArray kHeader = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2;\n";

Messages germanMessages() {
  return {{"", kHeader},
          {"Cancel", "Abbrechen"},
          {"Menu\x04Open", "\xc3\x96\x66\x66nen"},  // "Öffnen"
          {QByteArray("%d file\0%d files", 16), QByteArray("%d Datei\0%d Dateien", 19)},
          {"Close", "Schlie\xc3\x9f\x65n"},  // "Schließen"
          {"Quit", "Schlie\xc3\x9f\x65n"}};  // a repeat of "Close"'s translation
}

// Paragraph text whose length follows the article and paragraph numbers, so that a faithful
// "translation" (another word, the same count) correlates in length with English.
QString words(const QString& word, int article, int paragraph) {
  return QStringList(3 + (article * 7 + paragraph * 5) % 11, word).join(QLatin1Char(' '));
}

// A declaration with the real files' structure: a <header> preamble, then 30 <article>s;
// every third article has two paragraphs, the second in a list. skip: articles left out;
// mergedArticle: an article written as one paragraph where English has two.
QByteArray udhrHtml(const QString& code, const QString& iso, const QString& word,
                    const QStringList& preamble, int articles = 30, int mergedArticle = 0) {
  QString html = QStringLiteral(
                     "<!doctype html>\n<html data-code=\"%1\" data-iso6393=\"%2\" dir=\"ltr\" "
                     "lang=\"x\">\n<body>\n<h1>UDHR</h1>\n<header>\n<h2>Preamble</h2>\n")
                     .arg(code, iso);
  for (const QString& paragraph : preamble) html += QStringLiteral("<p>%1</p>\n").arg(paragraph);
  html += QStringLiteral("</header>\n");
  for (int a = 1; a <= articles; ++a) {
    html += QStringLiteral("<article data-number=\"%1\">\n<h2>Article %1</h2>\n").arg(a);
    html += QStringLiteral("<p>%1</p>\n").arg(words(word, a, 1));
    if (a % 3 == 0 && a != mergedArticle)
      html +=
          QStringLiteral("<ol><li>\n<p>%1 &#x26; more</p>\n</li></ol>\n").arg(words(word, a, 2));
    html += QStringLiteral("</article>\n");
  }
  return (html + QStringLiteral("</body>\n</html>\n")).toUtf8();
}

// Seven "Whereas" clauses of distinct lengths, then the closing lines.
QStringList preamble(const QString& word, bool introLine = false) {
  QStringList paragraphs;
  if (introLine) paragraphs << word;
  for (int i : {12, 30, 18, 8, 28, 17, 11}) paragraphs << QStringList(i, word).join(' ');
  paragraphs << QStringLiteral("Now, therefore,") << QStringLiteral("The General Assembly")
             << QStringList(40, word).join(' ');
  return paragraphs;
}

QByteArray annotations(const QByteArray& identity, const QByteArray& names) {
  return "{\"annotations\": {\"identity\": " + identity + ", \"annotations\": {" + names + "}}}";
}

}  // namespace

class TestParallelReaders : public QObject {
  Q_OBJECT

 private slots:
  void moParsesBothByteOrders() {
    for (const auto& [bigEndian, revision] :
         QVector<QPair<bool, quint32>>{{false, 0}, {true, 0}, {false, 0x00010001}}) {
      const twb::MoCatalog catalog =
          twb::parseMo(buildMo(germanMessages(), bigEndian, revision), "de.mo");
      QVERIFY(catalog.header.contains(QStringLiteral("charset=UTF-8")));
      QCOMPARE(catalog.messages.size(), 5);  // the header entry is not a message
      QHash<QString, twb::MoMessage> byKey;
      for (const twb::MoMessage& message : catalog.messages)
        byKey.insert(twb::gettextKey(message), message);
      QCOMPARE(byKey.value("Cancel").translation, QStringLiteral("Abbrechen"));
      const twb::MoMessage open = byKey.value(QStringLiteral("Menu\x04Open"));
      QCOMPARE(open.context, QStringLiteral("Menu"));
      QCOMPARE(open.source, QStringLiteral("Open"));
      QCOMPARE(open.translation, QStringLiteral("Öffnen"));
      const twb::MoMessage files = byKey.value(QStringLiteral("%d file"));
      QVERIFY(files.plural);
      QCOMPARE(files.source, QStringLiteral("%d file"));
      QCOMPARE(files.translation, QStringLiteral("%d Datei"));
    }
  }

  void moRejectsWhatIsNotAMoFile() {
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::parseMo("not a catalog at all", "x.mo"));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseMo(buildMo(germanMessages(), false, 0x00020000), "x.mo"));
    QByteArray truncated = buildMo(germanMessages(), false);
    truncated.chop(20);  // the last strings now point past the end
    try {
      twb::parseMo(truncated, QStringLiteral("cut.mo"));
      QFAIL("a truncated .mo file was read");
    } catch (const twb::InputError& error) {
      QCOMPARE(error.file(), QStringLiteral("cut.mo"));
      QVERIFY2(error.message().contains(QStringLiteral("past the end")), error.what());
    }
  }

  void moRefusesEntriesThatMultiplyOneString() {
    // 4,000 entries all pointing at one 1 MiB string: 8 GiB once copied out, from a 1 MiB file.
    constexpr quint32 kCount = 4000;
    constexpr quint32 kLength = 1 << 20;
    const quint32 originals = 28, translations = originals + 8 * kCount;
    const quint32 text = translations + 8 * kCount;
    QVector<quint32> words{0x950412de, 0, kCount, originals, translations, 0, 0};
    for (quint32 i = 0; i < 2 * kCount; ++i) words << kLength << text;
    QByteArray bytes;
    for (quint32 word : words) {
      uchar buffer[4];
      qToLittleEndian(word, buffer);
      bytes.append(reinterpret_cast<const char*>(buffer), 4);
    }
    bytes += QByteArray(kLength, 'a');
    try {
      twb::parseMo(bytes, QStringLiteral("bomb.mo"));
      QFAIL("a .mo file whose entries multiply one string was read");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("overlap")), error.what());
    }
  }

  void gettextKeepsOneLocalePerLanguage() {
    QTemporaryDir dir;
    const auto mo = [&](const QString& locale, const Messages& messages, bool bigEndian) {
      twb::test::writeFile(dir, "locale/" + locale + "/LC_MESSAGES/gtk30.mo",
                           buildMo(messages, bigEndian));
    };
    mo("de", germanMessages(), true);
    mo("pt", {{"", kHeader}, {"Cancel", "Cancelar"}}, false);
    mo("pt_BR", {{"", kHeader}, {"Cancel", "Cancelar"}, {"Quit", "Sair"}}, false);
    mo("en_GB", {{"", kHeader}, {"Cancel", "Cancel"}}, false);
    twb::test::writeFile(dir, "locale/fr/LC_MESSAGES/other.mo", buildMo(germanMessages(), false));
    QStringList notes;
    twb::ParallelCorpus corpus =
        twb::readGettextCorpus(dir.filePath("locale"), QStringLiteral("gtk30"), &notes);
    QCOMPARE(corpus.languages, (QStringList{"de", "en", "pt"}));
    QCOMPARE(corpus.texts.at("pt").at("Quit"), QStringLiteral("Sair"));  // pt_BR has more
    QCOMPARE(corpus.texts.at("en").at(QStringLiteral("Menu\x04Open")), QStringLiteral("Open"));
    QCOMPARE(corpus.texts.at("en").at(QStringLiteral("%d file")), QStringLiteral("%d file"));
    QCOMPARE(corpus.names.at("de"), QStringLiteral("German"));
    QVERIFY2(notes.join('\n').contains(QStringLiteral("en_GB: English")),
             qPrintable(notes.join('\n')));
    QVERIFY(notes.join('\n').contains(QStringLiteral("pt: another version of pt (pt_BR kept")));
    QCOMPARE(corpus.size("de"), 5);
    twb::dropRepeatedTexts(corpus);  // "Quit" repeats "Close"'s German text
    QCOMPARE(corpus.size("de"), 4);
    QCOMPARE(corpus.duplicatesDropped.at("de"), 1);
    QVERIFY(corpus.texts.at("de").count("Close"));
    QVERIFY(!corpus.texts.at("de").count("Quit"));
    const auto pairs = corpus.aligned(QStringLiteral("de"));
    QCOMPARE(pairs.size(), 4);
    QVERIFY(pairs.contains(qMakePair(QStringLiteral("Open"), QStringLiteral("Öffnen"))));
    QVERIFY_THROWS_EXCEPTION(twb::RunError, twb::readGettextCorpus(dir.filePath("locale"), "nope"));
  }

  void udhrAlignsParagraphsByStructure() {
    QTemporaryDir dir;
    const auto write = [&](const QString& code, const QByteArray& html) {
      twb::test::writeFile(dir, "package/declaration/" + code + ".html", html);
    };
    write("eng", udhrHtml("eng", "eng", "right", preamble("whereas")));
    write("deu_1901", udhrHtml("deu_1901", "deu", "Recht", preamble("da"), 30, 6));
    write("deu_1996", udhrHtml("deu_1996", "deu", "Rechte", preamble("da"), 30, 6));
    write("vie", udhrHtml("vie", "vie", "quyền", preamble("rằng", true)));
    write("fra", udhrHtml("fra", "fra", "droit", preamble("considérant"), 15));
    write("013", udhrHtml("013", "und", "x", preamble("y")));
    twb::test::writeFile(dir, "package/index.js", R"(/** @typedef Info */
export const udhr = [
  {bcp47: 'de-1996', code: 'deu_1996', direction: 'ltr', iso6393: 'deu', latitude: 48.65,
   longitude: 12.47, name: 'German, Standard (1996)', stage: 4},
  {bcp47: 'vi', code: 'vie', iso6393: 'vie', latitude: 21, longitude: -105.5, name: "Viet 'n'"},
  {bcp47: 'en', code: 'eng', iso6393: 'eng', name: 'English', ohchr:
      'https://example.invalid/eng'}
]
)");
    QStringList notes;
    const twb::ParallelCorpus corpus = twb::readUdhr(dir.filePath("package"), &notes);
    const QString log = notes.join('\n');
    QCOMPARE(corpus.languages, (QStringList{"de", "en", "vi"}));
    // English: 30 articles, every third with two paragraphs, and the seven Whereas clauses.
    QCOMPARE(corpus.size("en"), 40 + 7);
    QCOMPARE(corpus.texts.at("en").at("03.02"), words("right", 3, 2) + " & more");
    QCOMPARE(corpus.texts.at("en").at("00.07"), QStringList(11, "whereas").join(' '));
    // German: article 6 written as one paragraph is left out; the 1996 version wins the tie.
    QCOMPARE(corpus.size("de"), 40 - 2 + 7);
    QVERIFY(!corpus.texts.at("de").count("06.01"));
    QCOMPARE(corpus.texts.at("de").at("01.01"), words("Rechte", 1, 1));
    QVERIFY2(log.contains(QStringLiteral("deu_1901: another version of de (deu_1996 kept")),
             qPrintable(log));
    // Vietnamese: an introductory line shifts the clauses, so only the articles align.
    QCOMPARE(corpus.size("vi"), 40);
    QVERIFY(!corpus.texts.at("vi").count("00.01"));
    QCOMPARE(corpus.names.at("vi"), QStringLiteral("Vietnamese"));  // the table's name first
    QVERIFY(log.contains(QStringLiteral("fra: does not align with English (20 of 40")));
    QVERIFY(log.contains(QStringLiteral("013: no language code (und)")));
    QCOMPARE(corpus.coordinates.at("de"), qMakePair(48.65, 12.47));
    QCOMPARE(corpus.coordinates.at("vi"), qMakePair(21.0, -105.5));
    QVERIFY(!corpus.coordinates.count("en"));
    const auto pairs = corpus.aligned(QStringLiteral("de"));
    QCOMPARE(pairs.size(), 45);
    QCOMPARE(pairs.front().first, QStringList(12, "whereas").join(' '));  // "00.01" comes first
    QCOMPARE(pairs.front().second, QStringList(12, "da").join(' '));
  }

  void udhrIndexAndHtmlDetails() {
    const auto index = twb::parseUdhrIndex(
        "export const udhr = [{code: 'a', name: \"K'iche', Central\", latitude: -8.5, "
        "longitude: 125}, {code: 'b', name: 'O\\'Neil'}]");
    QCOMPARE(index.value("a").name, QStringLiteral("K'iche', Central"));
    QCOMPARE(index.value("a").coordinates->first, -8.5);
    QCOMPARE(index.value("b").name, QStringLiteral("O'Neil"));
    QVERIFY(!index.value("b").coordinates.has_value());
    const twb::UdhrDocument document = twb::parseUdhrHtml(
        "<html data-code=\"x\"><article data-number=\"2\"><p>A &amp; B&#x3C;\n  C</p>"
        "<ol><li><p>D</p></li></ol></article></html>",
        "fallback");
    QCOMPARE(document.code, QStringLiteral("x"));
    QVERIFY(!document.hasPreamble);
    QCOMPARE(document.articles.at(2), (QStringList{"A & B< C", "D"}));
  }

  void cldrKeepsTheBaseLocale() {
    QTemporaryDir dir;
    const auto write = [&](const QString& locale, const QByteArray& identity,
                           const QByteArray& names) {
      twb::test::writeFile(dir, "annotations/" + locale + "/annotations.json",
                           annotations(identity, names));
    };
    const QByteArray grin =
        "\"😀\": {\"default\": [\"face\", \"grin\"], \"tts\": [\"grinning face\"]}";
    write("en", "{\"language\": \"en\"}",
          grin + ", \"👍\": {\"default\": [\"+1\"], \"tts\": [\"thumbs up\"]}");
    write("de", "{\"language\": \"de\"}",
          "\"😀\": {\"tts\": [\"grinsendes Gesicht\"]}, \"👍\": {\"tts\": [\"Daumen hoch\"]}");
    write("de-CH", "{\"language\": \"de\", \"territory\": \"CH\"}",
          "\"😀\": {\"tts\": [\"Grinsgesicht\"]}");
    write("sr", "{\"language\": \"sr\"}", "\"😀\": {\"tts\": [\"лице\"]}");
    write("sr-Latn", "{\"language\": \"sr\", \"script\": \"Latn\"}",
          "\"😀\": {\"tts\": [\"lice\"]}");
    write("ff", "{\"language\": \"ff\"}", "\"😀\": {\"default\": [\"x\"]}");
    write("ff-Adlm", "{\"language\": \"ff\", \"script\": \"Adlm\"}",
          "\"😀\": {\"tts\": [\"𞤲\"]}");
    write("und", "{\"language\": \"root\"}", "");
    write("no", "{\"language\": \"no\"}", "\"👍\": {\"tts\": [\"tommel opp\"]}");
    QStringList notes;
    const twb::ParallelCorpus corpus = twb::readCldrNames(dir.filePath("annotations"), &notes);
    QCOMPARE(corpus.languages, (QStringList{"de", "en", "ff", "nb", "sr"}));
    QCOMPARE(corpus.texts.at("en").at("😀"), QStringLiteral("grinning face"));
    QCOMPARE(corpus.texts.at("de").at("😀"), QStringLiteral("grinsendes Gesicht"));
    QCOMPARE(corpus.texts.at("sr").at("😀"), QStringLiteral("лице"));
    QCOMPARE(corpus.texts.at("ff").at("😀"), QStringLiteral("𞤲"));
    QCOMPARE(corpus.aligned("nb"), (QVector<QPair<QString, QString>>{{"thumbs up", "tommel opp"}}));
    const QString log = notes.join('\n');
    QVERIFY2(log.contains(QStringLiteral("de-CH: another version of de (de kept")),
             qPrintable(log));
    QVERIFY(log.contains(QStringLiteral("sr-Latn: another version of sr (sr kept")));
    QVERIFY(log.contains(QStringLiteral("ff: no names")));
    QVERIFY(log.contains(QStringLiteral("und: no language")));
  }

  void languageCodesAreOnePerLanguage() {
    QCOMPARE(twb::languageCode("de-1996"), QStringLiteral("de"));
    QCOMPARE(twb::languageCode("deu"), QStringLiteral("de"));
    QCOMPARE(twb::languageCode("arb"), QStringLiteral("ar"));
    QCOMPARE(twb::languageCode("cmn"), QStringLiteral("zh"));
    QCOMPARE(twb::languageCode("pt_BR"), QStringLiteral("pt"));
    QCOMPARE(twb::languageCode("sr@latin"), QStringLiteral("sr"));
    QCOMPARE(twb::languageCode("zh-Hant-HK"), QStringLiteral("zh"));
    QCOMPARE(twb::languageCode("no"), QStringLiteral("nb"));
    QCOMPARE(twb::languageCode("ast"), QStringLiteral("ast"));
    QCOMPARE(twb::languageCode("prs"), QStringLiteral("prs"));  // Dari keeps its own code
    QVERIFY(twb::languageCode("und").isEmpty());
    QVERIFY(twb::languageCode("root").isEmpty());
    QCOMPARE(twb::languageName("de"), QStringLiteral("German"));
    QCOMPARE(twb::languageName("ast"), QStringLiteral("Asturian"));
    QVERIFY(twb::languageName("xyz").isEmpty());
  }

  void alignedPairsAndRepeatsInKeyOrder() {
    twb::ParallelCorpus corpus;
    twb::addParallelText(corpus, "en", "k1", " a ");
    twb::addParallelText(corpus, "en", "k2", "b");
    twb::addParallelText(corpus, "en", "k3", "a");
    twb::addParallelText(corpus, "de", "k3", "z");
    twb::addParallelText(corpus, "de", "k1", "x");
    twb::addParallelText(corpus, "de", "k2", "x");
    twb::addParallelText(corpus, "de", "k4", "   ");  // empty: not added
    QCOMPARE(corpus.languages, (QStringList{"de", "en"}));
    QCOMPARE(corpus.aligned("de"),
             (QVector<QPair<QString, QString>>{{"a", "x"}, {"b", "x"}, {"a", "z"}}));
    twb::dropRepeatedTexts(corpus);
    QCOMPARE(corpus.duplicatesDropped.at("en"), 1);  // k3 repeats k1
    QCOMPARE(corpus.duplicatesDropped.at("de"), 1);  // k2 repeats k1
    QCOMPARE(corpus.aligned("de"), (QVector<QPair<QString, QString>>{{"a", "x"}}));
    QCOMPARE(corpus.size("de"), 2);
    QCOMPARE(corpus.size("fr"), 0);
    QVERIFY(corpus.aligned("fr").isEmpty());
    QCOMPARE(corpus.totalSize(), 4);
  }
};

QTEST_GUILESS_MAIN(TestParallelReaders)
#include "test_parallel_readers.moc"

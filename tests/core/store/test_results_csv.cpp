// Tests of the CSV export of results (with the settings each experiment resolved) and metric
// points.
#include <QTemporaryDir>
#include <QTest>
#include <limits>

#include "store/ResultsCsv.h"
#include "store/RunStore.h"

using twb::RunStore;

class ResultsCsvTest : public QObject {
  Q_OBJECT

 private slots:
  void fieldsAreQuotedWhenNeeded() {
    QCOMPARE(twb::csvField(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(twb::csvField(QString()), QString());
    QCOMPARE(twb::csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(twb::csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    QCOMPARE(twb::csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
    QCOMPARE(twb::csvField(QStringLiteral("cr\r")), QStringLiteral("\"cr\r\""));
    QCOMPARE(twb::csvField(QStringLiteral(" padded")), QStringLiteral("\" padded\""));
  }

  void numbersReadBackExactly() {
    QCOMPARE(twb::csvNumber(0.1), QStringLiteral("0.1"));
    QCOMPARE(twb::csvNumber(3), QStringLiteral("3"));
    const double third = 1.0 / 3.0;
    QCOMPARE(twb::csvNumber(third).toDouble(), third);
    QCOMPARE(twb::csvNumber(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("nan"));
  }

  void resultsAndPointsOfOneExperiment() {
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
    const qint64 e = store.addExperiment(QStringLiteral("e"), QStringLiteral("x: 1"));
    const qint64 other = store.addExperiment(QStringLiteral("other"), QStringLiteral("x: 2"));
    const qint64 run = store.addRun(e, QStringLiteral("transfer"), QStringLiteral("de,ch"), 4);
    const qint64 otherRun =
        store.addRun(other, QStringLiteral("baseline"), QStringLiteral("fr"), 1);
    store.addResult({run, QStringLiteral("test"), QStringLiteral("accuracy"), 0.8125});
    store.addResult({run, QStringLiteral("dev"), QStringLiteral("f1 \"macro\""), 0.5});
    store.addResult({otherRun, QStringLiteral("test"), QStringLiteral("accuracy"), 0.25});
    const qint64 shared = store.addStage(e, 0, 4, QStringLiteral("pretrain"));
    const qint64 target = store.addStage(e, run, 4, QStringLiteral("target"));
    store.addPoints({{shared, 10, 0.5, 1.25, QStringLiteral("train_loss"), 2.5},
                     {target, 3, 1, 2, QStringLiteral("dev_loss"), 0.75}});
    // e ran where auto resolved to bf16; other was stored before the settings were recorded.
    twb::ResolvedSettings bf16;
    bf16.precision = QStringLiteral("bf16");
    bf16.bucketing = true;
    bf16.recorded = true;
    store.setExperimentResolved(e, bf16);

    QString text;
    QTextStream out(&text);
    QCOMPARE(twb::writeResultsCsv(store, e, out), 2);
    out.flush();
    const QString id = QString::number(e), r = QString::number(run);
    QCOMPARE(
        text,
        QStringLiteral("experiment,run,arm,target,seed,split,metric,value,precision,bucketing\n") +
            QStringLiteral("%1,%2,transfer,\"de,ch\",4,dev,\"f1 \"\"macro\"\"\",0.5,bf16,true\n")
                .arg(id, r) +
            QStringLiteral("%1,%2,transfer,\"de,ch\",4,test,accuracy,0.8125,bf16,true\n")
                .arg(id, r));

    QString all;
    QTextStream allOut(&all);
    QCOMPARE(twb::writeResultsCsv(store, 0, allOut), 3);
    allOut.flush();
    QVERIFY(all.endsWith(QStringLiteral("%1,%2,baseline,fr,1,test,accuracy,0.25,fp32,false\n")
                             .arg(other)
                             .arg(otherRun)));

    QString points;
    QTextStream pointsOut(&points);
    QCOMPARE(twb::writePointsCsv(store, e, pointsOut), 2);
    pointsOut.flush();
    QCOMPARE(points, QStringLiteral("experiment,run,stage,seed,step,epoch,wall_time,name,value\n") +
                         QStringLiteral("%1,,pretrain,4,10,0.5,1.25,train_loss,2.5\n").arg(id) +
                         QStringLiteral("%1,%2,target,4,3,1,2,dev_loss,0.75\n").arg(id, r));

    QString none;
    QTextStream noneOut(&none);
    QCOMPARE(twb::writeResultsCsv(store, other + 100, noneOut), 0);
    noneOut.flush();
    QCOMPARE(none, QStringLiteral(
                       "experiment,run,arm,target,seed,split,metric,value,precision,bucketing\n"));
  }
};

QTEST_GUILESS_MAIN(ResultsCsvTest)
#include "test_results_csv.moc"

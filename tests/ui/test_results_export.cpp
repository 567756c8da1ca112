// Tests of the results export: gains from stored results, the LaTeX table, the CSV file.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "export/ResultsExport.h"
#include "store/RunStore.h"

using twb::RunStore;
using twb::TargetGain;

namespace {

struct Fixture {
  qint64 experiment = 0;
  qint64 resultRows = 0;  // every addResult, across experiments
};

void addScore(RunStore& store, Fixture& f, qint64 experiment, const QString& arm,
              const QString& target, int seed, const QString& metric, double score) {
  const qint64 run = store.addRun(experiment, arm, target, seed);
  store.setRunStatus(run, QStringLiteral("running"));
  store.addResult({run, QStringLiteral("test"), metric, score});
  // Other results that the gains must ignore.
  store.addResult({run, QStringLiteral("test"), QStringLiteral("loss"), 5.0});
  store.addResult({run, QStringLiteral("dev"), QStringLiteral("best_") + metric, 0.99});
  f.resultRows += 3;
  if (metric == QLatin1String("accuracy")) {
    store.addResult({run, QStringLiteral("test"), QStringLiteral("macro_f1"), 0.01});
    ++f.resultRows;
  }
  store.setRunStatus(run, QStringLiteral("finished"));
}

QString rowOf(const QString& latex, const QString& start) {
  for (const QString& line : latex.split(QLatin1Char('\n')))
    if (line.startsWith(start)) return line;
  return QString();
}

}  // namespace

class TestResultsExport : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString path_;
  Fixture f_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    path_ = dir_.filePath("runs.sqlite");
    RunStore store(path_);
    // An earlier experiment on the same target, whose results must stay out.
    const qint64 other = store.addExperiment(QStringLiteral("other"), QStringLiteral("a: 1\n"));
    addScore(store, f_, other, "baseline", "xnli_de", 1, "accuracy", 0.10);
    addScore(store, f_, other, "transfer", "xnli_de", 1, "accuracy", 0.20);

    f_.experiment = store.addExperiment(QStringLiteral("gains"), QStringLiteral("b: 2\n"));
    // It ran where auto resolved to bf16; "other" predates the record (read as fp32, no buckets).
    twb::ResolvedSettings bf16;
    bf16.precision = QStringLiteral("bf16");
    bf16.bucketing = true;
    bf16.recorded = true;
    store.setExperimentResolved(f_.experiment, bf16);
    const double base[] = {0.70, 0.72, 0.74}, transfer[] = {0.75, 0.76, 0.80};
    for (int seed = 1; seed <= 3; ++seed) {
      addScore(store, f_, f_.experiment, "baseline", "xnli_de", seed, "accuracy", base[seed - 1]);
      addScore(store, f_, f_.experiment, "transfer", "xnli_de", seed, "accuracy",
               transfer[seed - 1]);
    }
    const double simBase[] = {0.80, 0.84}, simTransfer[] = {0.70, 0.72};
    for (int seed = 1; seed <= 2; ++seed) {
      addScore(store, f_, f_.experiment, "baseline", "sts_b", seed, "pearson", simBase[seed - 1]);
      addScore(store, f_, f_.experiment, "transfer", "sts_b", seed, "pearson",
               simTransfer[seed - 1]);
    }
    // A target whose name needs quoting in CSV.
    addScore(store, f_, f_.experiment, "baseline", "pos,ud", 1, "accuracy", 0.5);
  }

  void gainsMatchHandComputedMeans() {
    RunStore store(path_);
    const QVector<TargetGain> gains = twb::gainsOfExperiment(store, f_.experiment);
    QCOMPARE(gains.size(), 3);

    const TargetGain& xnli = gains[0];
    QCOMPARE(xnli.target, QStringLiteral("xnli_de"));
    QCOMPARE(xnli.metric, QStringLiteral("accuracy"));
    QCOMPARE(xnli.baseline.n, 3);
    QVERIFY(std::fabs(xnli.baseline.mean - 0.72) < 1e-12);
    QVERIFY(std::fabs(xnli.baseline.sd - 0.02) < 1e-12);
    QVERIFY(std::fabs(xnli.transfer.mean - 0.77) < 1e-12);
    QVERIFY(std::fabs(xnli.delta.mean - 0.05) < 1e-12);  // deltas 0.05 0.04 0.06
    QVERIFY(std::fabs(xnli.delta.sd - 0.01) < 1e-12);
    // Three seeds, t = 8.66 (scipy's ttest_rel p = 0.01307); the only target with a test, so
    // Holm leaves it alone: positive.
    QVERIFY(std::fabs(xnli.p - 0.013072457560346517) < 1e-9);
    QCOMPARE(xnli.verdict, twb::Verdict::Positive);

    const TargetGain& sts = gains[1];
    QCOMPARE(sts.target, QStringLiteral("sts_b"));
    QCOMPARE(sts.metric, QStringLiteral("pearson"));
    QCOMPARE(sts.transfer.n, 2);
    QVERIFY(std::fabs(sts.baseline.mean - 0.82) < 1e-12);
    QVERIFY(std::fabs(sts.transfer.mean - 0.71) < 1e-12);
    QVERIFY(std::fabs(sts.delta.mean + 0.11) < 1e-12);  // deltas -0.10 -0.12
    QVERIFY(std::fabs(sts.delta.sd - std::sqrt(0.0002)) < 1e-12);
    // Two seeds and no per-example predictions: a drop of 0.11 is not called a direction.
    QCOMPARE(sts.verdict, twb::Verdict::Inconclusive);
    QVERIFY(sts.reason.contains(QStringLiteral("per-example")));

    QCOMPARE(gains[2].target, QStringLiteral("pos,ud"));  // baseline only: no delta
    QCOMPARE(gains[2].delta.n, 0);
  }

  void latexEscapesSpecialCharacters() {
    QCOMPARE(twb::latexEscape(QStringLiteral("a_b 50% & #1 $x$ {y} ~ ^ \\")),
             QStringLiteral("a\\_b 50\\% \\& \\#1 \\$x\\$ \\{y\\} \\textasciitilde{} "
                            "\\textasciicircum{} \\textbackslash{}"));
    QCOMPARE(twb::latexEscape(QStringLiteral("plain text")), QStringLiteral("plain text"));
  }

  void latexTableHasBooktabsAndARowPerTarget() {
    RunStore store(path_);
    QVector<TargetGain> gains = twb::gainsOfExperiment(store, f_.experiment);
    TargetGain odd;
    odd.target = QStringLiteral("acc_50%");
    odd.metric = QStringLiteral("accuracy");
    gains.append(odd);
    const QString latex = twb::gainsLatexTable(gains, {3, QString(), QStringLiteral("tab:gains")});

    QVERIFY(latex.contains(QLatin1String("\\toprule")));
    QVERIFY(latex.contains(QLatin1String("\\midrule")));
    QVERIFY(latex.contains(QLatin1String("\\bottomrule")));
    QVERIFY(latex.indexOf(QLatin1String("\\toprule")) <
            latex.indexOf(QLatin1String("\\bottomrule")));
    QVERIFY(latex.contains(QLatin1String("\\label{tab:gains}")));
    QVERIFY(!latex.contains(QLatin1String("acc_50%")));

    const QString body = latex.section(QStringLiteral("\\midrule\n"), 1)
                             .section(QStringLiteral("\\bottomrule"), 0, 0);
    QCOMPARE(body.count(QStringLiteral("\\\\\n")), 4);  // one row per target

    // n, each arm and Δ with the 95% t interval over seeds (scipy's t.ppf), Holm p, verdict.
    QCOMPARE(rowOf(latex, QStringLiteral("xnli\\_de")),
             QStringLiteral("xnli\\_de (accuracy) & 3 & 0.720 [0.670, 0.770] & "
                            "0.770 [0.704, 0.836] & +0.050 [0.025, 0.075] & 0.013 & positive "
                            "\\\\"));
    const QString sts = rowOf(latex, QStringLiteral("sts\\_b"));
    // The baseline's t interval (0.566 to 1.074) is drawn inside Pearson's range.
    QCOMPARE(sts, QStringLiteral("sts\\_b (pearson) & 2 & 0.820 [0.566, 1.000] & "
                                 "0.710 [0.583, 0.837] & $-$0.110 [$-$0.237, 0.017] & -- & "
                                 "inconclusive \\\\"));
    QVERIFY(!rowOf(latex, QStringLiteral("acc\\_50\\%")).isEmpty());
    QVERIFY(latex.contains(QLatin1String("95\\% confidence intervals")));
    QVERIFY(latex.contains(QLatin1String("Holm-adjusted across the 4 targets")));

    // One metric throughout: named in the caption, not on every row.
    const QString single = twb::gainsLatexTable({gains[0]});
    QVERIFY(!rowOf(single, QStringLiteral("xnli\\_de & ")).isEmpty());
    QVERIFY(single.contains(QLatin1String("Scores: test accuracy.")));
    QVERIFY(single.contains(QLatin1String("across the 1 targets")));

    const QString file = dir_.filePath("gains.tex");
    QString error;
    QVERIFY2(twb::exportGainsLatex(gains, file, {}, &error), qPrintable(error));
    QFile tex(file);
    QVERIFY(tex.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(tex.readAll()), twb::gainsLatexTable(gains));
  }

  void gainsCsvEndsWithTheExperimentsPrecisionAndBucketing() {
    RunStore store(path_);
    const QString file = dir_.filePath("gains.csv");
    QString error;
    QVERIFY2(twb::exportGainsCsv(twb::gainsOfExperiment(store, f_.experiment),
                                 twb::resolvedSettings(store, f_.experiment), file, &error),
             qPrintable(error));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);  // the header and three targets
    QVERIFY2(lines.first().startsWith(QStringLiteral("target,language,metric,")),
             qPrintable(lines.first()));
    QVERIFY2(lines.first().endsWith(QStringLiteral(",detectable_delta,precision,bucketing")),
             qPrintable(lines.first()));
    for (const QString& line : lines.mid(1))
      QVERIFY2(line.endsWith(QStringLiteral(",bf16,true")), qPrintable(line));
  }

  void csvHasAHeaderAndARowPerResult() {
    RunStore store(path_);
    const QString file = dir_.filePath("results.csv");
    QString error;
    QCOMPARE(twb::exportResultsCsv(store, file, 0, &error), f_.resultRows);
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("experiment,run,arm,target,seed,split,metric,value,"
                                           "precision,bucketing"));
    QCOMPARE(lines.size(), f_.resultRows + 1);
    QCOMPARE(lines.filter(QStringLiteral(",\"pos,ud\",")).size(), 4);
    // Each row carries how its experiment ran.
    for (const QString& line : lines.mid(1))
      QVERIFY2(line.endsWith(line.startsWith(QString::number(f_.experiment) + QLatin1Char(','))
                                 ? QStringLiteral(",bf16,true")
                                 : QStringLiteral(",fp32,false")),
               qPrintable(line));

    // One experiment only: the other one's 8 results are left out.
    QCOMPARE(twb::exportResultsCsv(store, file, f_.experiment, &error), f_.resultRows - 8);

    QVERIFY(twb::exportResultsCsv(store, dir_.filePath("missing/dir/results.csv"), 0, &error) < 0);
    QVERIFY(!error.isEmpty());
  }
};

QTEST_MAIN(TestResultsExport)
#include "test_results_export.moc"

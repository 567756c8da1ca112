// Pins the gain plots (bars, heatmap, scatter) and PNG / PDF / SVG export; writes the gain
// plots to artifacts/ beside the binary for a look.
#include <qcustomplot.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "export/PlotExport.h"
#include "plots/GainBars.h"
#include "plots/GainHeatmap.h"
#include "plots/GainScatter.h"

using namespace twb;

namespace {

// Three seeds; the intervals are t(0.975, 2) · sd / √3 either side of the mean.
MeanSd summary(double mean, double sd) {
  const double half = 4.302652729911275 * sd / std::sqrt(3.0);
  return {mean, sd, 3, {mean - half, mean + half}};
}

TargetGain gain(const QString& target, double base, double transfer, double sd, bool negative) {
  TargetGain g;
  g.target = target;
  g.metric = QStringLiteral("accuracy");
  g.baseline = summary(base, sd);
  g.transfer = summary(transfer, sd * 1.3);
  g.delta = summary(transfer - base, sd);
  g.relativeDelta = (transfer - base) / base;
  g.verdict = negative ? Verdict::Negative : Verdict::Inconclusive;
  g.reason = negative ? QString() : QStringLiteral("Holm-adjusted p = 0.2 over 3 target(s)");
  return g;
}

QVector<TargetGain> threeTargets() {
  return {gain(QStringLiteral("sst2"), 0.801, 0.939, 0.012, false),
          gain(QStringLiteral("mrpc"), 0.742, 0.763, 0.015, false),
          gain(QStringLiteral("xnli-sw"), 0.611, 0.569, 0.008, true)};
}

QByteArray head(const QString& path, int n) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.read(n);
}

QString artifactDir() {
  const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/artifacts");
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class TestPlotsGains : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void gainBarsWriteDeltasAndFlagNegative();
  void gainHeatmapLabelsCells();
  void gainHeatmapNamesAnExperimentsRow();
  void gainScatterFitsRAndN();
  void gainScatterWithoutPointsSaysWhy();
  void gainScatterErrorBarsStayWithTheirLanguage();
  void exportsWriteValidFiles();
  void exportReportsErrors();
  void rendersArtifacts();
};

void TestPlotsGains::gainBarsWriteDeltasAndFlagNegative() {
  GainBars bars;
  bars.setGains(threeTargets());
  QCOMPARE(bars.deltaLabels(), (QStringList{"+0.138", "+0.021", "-0.042"}));
  QCOMPARE(bars.negativeTargets(), QStringList{"xnli-sw"});
  // The negative pair is marked in words and with a hatched bar, not by colour alone.
  int negativeTexts = 0;
  for (int i = 0; i < bars.plot()->itemCount(); ++i) {
    auto* text = qobject_cast<QCPItemText*>(bars.plot()->item(i));
    if (text && text->text().contains("negative")) {
      ++negativeTexts;
      QVERIFY(text->text().contains("-0.042"));
    }
  }
  QCOMPARE(negativeTexts, 1);
  bool hatched = false;
  for (int i = 0; i < bars.plot()->plottableCount(); ++i) {
    auto* b = qobject_cast<QCPBars*>(bars.plot()->plottable(i));
    if (b && b->brush().style() == Qt::BDiagPattern) {
      hatched = true;
      QCOMPARE(b->data()->size(), 1);
      QCOMPARE(b->data()->begin()->key, 3.2);
    }
  }
  QVERIFY(hatched);
  // Target names label the ticks.
  auto ticker = bars.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
  QVERIFY(ticker);
  QVERIFY(ticker->ticks().value(1.0).startsWith("sst2"));
  QVERIFY(ticker->ticks().value(3.0).startsWith("xnli-sw"));
  QCOMPARE(GainBars::formatDelta(0.0004), QString("+0.000"));
  // The whiskers are the 95% intervals, and the plot says so.
  bool says = false;
  for (int i = 0; i < bars.plot()->itemCount(); ++i) {
    auto* text = qobject_cast<QCPItemText*>(bars.plot()->item(i));
    says = says || (text && text->text().contains("95% CI over seeds"));
  }
  QVERIFY(says);
  for (int i = 0; i < bars.plot()->plottableCount(); ++i) {
    auto* errors = qobject_cast<QCPErrorBars*>(bars.plot()->plottable(i));
    if (!errors || errors->dataPlottable()->interface1D()->dataMainKey(0) != 0.8) continue;
    // sst2's baseline: mean 0.801, sd 0.012, three seeds.
    const double half = 4.302652729911275 * 0.012 / std::sqrt(3.0);
    QVERIFY(std::abs(errors->data()->at(0).errorMinus - half) < 1e-12);
    QVERIFY(std::abs(errors->data()->at(0).errorPlus - half) < 1e-12);
  }
  // The tooltip over a target carries its statistics and the power hint's question.
  QVERIFY(bars.tooltips().value(0).contains("95% CI over seeds"));
  QVERIFY(bars.tooltips().value(0).contains("verdict: inconclusive"));
}

void TestPlotsGains::gainHeatmapLabelsCells() {
  GainHeatmap map;
  const QVector<TargetGain> mnli{gain("sst2", 0.80, 0.831, 0.01, false),
                                 gain("mrpc", 0.74, 0.70, 0.01, true)};
  const QVector<TargetGain> qqp{gain("mrpc", 0.74, 0.79, 0.01, false),
                                gain("stsb", 0.85, 0.86, 0.01, false)};
  map.setGains({"mnli", "qqp"}, {mnli, qqp});
  QCOMPARE(map.cellLabel(0, 0), QString("+0.031"));
  QCOMPARE(map.cellLabel(0, 1), QString("-0.040"));
  QCOMPARE(map.cellLabel(0, 2), QString("–"));  // mnli was not run against stsb
  QCOMPARE(map.cellLabel(1, 1), QString("+0.050"));
  QVERIFY(std::abs(map.limit() - 0.05) < 1e-9);  // symmetric: -0.05 .. +0.05
  QCOMPARE(map.cellLabel(5, 5), QString());
  // One cell still draws as a cell.
  map.setCells({"mnli"}, {"sst2"}, {{-0.02}});
  QCOMPARE(map.cellLabel(0, 0), QString("-0.020"));
  const QString single = artifactDir() + "/gain_heatmap_single.png";
  QCOMPARE(PlotExport::savePng(map.plot(), single, 400, 300), QString());
}

void TestPlotsGains::gainHeatmapNamesAnExperimentsRow() {
  // One label for an experiment without an intermediate task, whether it just ran or was stored.
  ExperimentSpec spec;
  QCOMPARE(GainHeatmap::intermediateRow(spec), QString("no intermediate"));
  TaskSpec intermediate;
  intermediate.dataset.id = QStringLiteral("mnli");
  spec.intermediate = intermediate;
  QCOMPARE(GainHeatmap::intermediateRow(spec), QString("mnli"));
}

void TestPlotsGains::gainScatterFitsRAndN() {
  GainScatter scatter;
  // Same numbers as the hand computation in test_series_math: r = 6 / sqrt(60) = 0.775.
  scatter.setPoints({{"de", 1, 2}, {"fr", 2, 4}, {"ru", 3, 5}, {"hi", 4, 4}, {"sw", 5, 5}});
  QCOMPARE(scatter.fit().n, 5);
  QVERIFY(std::abs(scatter.fit().r - 6.0 / std::sqrt(60.0)) < 1e-12);
  QCOMPARE(scatter.fitLabel(), QString("least squares: r = 0.77, n = 5"));
  QCOMPARE(scatter.plot()->graphCount(), 2);
  bool inLegend = false;
  for (int i = 0; i < scatter.plot()->legend->itemCount(); ++i) {
    auto* item = qobject_cast<QCPPlottableLegendItem*>(scatter.plot()->legend->item(i));
    if (item && item->plottable()->name() == scatter.fitLabel()) inLegend = true;
  }
  QVERIFY(inLegend);
}

void TestPlotsGains::gainScatterErrorBarsStayWithTheirLanguage() {
  // Given out of distance order (the report lists languages in target order), each point keeps
  // its own interval; switching views twice leaves one error-bar legend entry.
  GainScatter scatter;
  ScatterPoint nl{"nl", 0.30, 0.24, 0.19, 0.29}, de{"de", 0.10, 0.21, 0.11, 0.32},
      es{"es", 0.20, 0.06, 0.00, 0.12};
  scatter.setPoints({nl, de, es});
  scatter.setPoints({nl, de, es});
  int errorBars = 0;
  for (int i = 0; i < scatter.plot()->plottableCount(); ++i) {
    auto* errors = qobject_cast<QCPErrorBars*>(scatter.plot()->plottable(i));
    if (!errors) continue;
    ++errorBars;
    auto* dots = qobject_cast<QCPGraph*>(errors->dataPlottable());
    QVERIFY(dots);
    for (int k = 0; k < dots->dataCount(); ++k) {
      const double x = dots->data()->at(k)->key;
      const ScatterPoint& p = x < 0.15 ? de : x < 0.25 ? es : nl;
      QVERIFY(std::abs(dots->data()->at(k)->value - p.y) < 1e-12);
      QVERIFY(std::abs(errors->data()->at(k).errorMinus - (p.y - p.low)) < 1e-12);
      QVERIFY(std::abs(errors->data()->at(k).errorPlus - (p.high - p.y)) < 1e-12);
    }
  }
  QCOMPARE(errorBars, 1);
}

void TestPlotsGains::gainScatterWithoutPointsSaysWhy() {
  GainScatter scatter;
  scatter.setPoints({});
  QCOMPARE(scatter.plot()->graphCount(), 0);
  bool note = false;
  for (int i = 0; i < scatter.plot()->itemCount(); ++i) {
    auto* text = qobject_cast<QCPItemText*>(scatter.plot()->item(i));
    note |= text && text->text() ==
                        "Language distances arrive with the cross-lingual study "
                        "(language table)";
  }
  QVERIFY(note);
}

void TestPlotsGains::exportsWriteValidFiles() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  GainBars bars;
  bars.setGains(threeTargets());
  const QString png = dir.filePath("bars.png");
  const QString pdf = dir.filePath("bars.pdf");
  const QString svg = dir.filePath("bars.SVG");
  QCOMPARE(PlotExport::save(bars.plot(), png, 800, 500), QString());
  QCOMPARE(PlotExport::save(bars.plot(), pdf, 800, 500), QString());
  QCOMPARE(PlotExport::save(bars.plot(), svg, 800, 500), QString());
  QCOMPARE(head(png, 8), QByteArray("\x89PNG\r\n\x1a\n", 8));
  QCOMPARE(head(pdf, 4), QByteArray("%PDF"));
  QVERIFY(head(svg, 400).contains("<svg"));
  QVERIFY(QFileInfo(png).size() > 5000);
  QVERIFY(QFileInfo(pdf).size() > 2000);
  QVERIFY(QFileInfo(svg).size() > 5000);
  // The SVG carries the plot's text.
  QFile f(svg);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QVERIFY(f.readAll().contains("xnli-sw"));
}

void TestPlotsGains::exportReportsErrors() {
  GainBars bars;
  QTemporaryDir dir;
  const QString missing = dir.filePath("no/such/folder/plot.png");
  QVERIFY(PlotExport::save(bars.plot(), missing).contains("does not exist"));
  QVERIFY(PlotExport::save(bars.plot(), dir.filePath("plot.jpg")).contains(".png, .pdf or .svg"));
  QVERIFY(PlotExport::saveSvg(bars.plot(), dir.path()).contains("folder"));
  QVERIFY(!PlotExport::savePdf(nullptr, dir.filePath("x.pdf")).isEmpty());
}

void TestPlotsGains::rendersArtifacts() {
  const QString out = artifactDir();
  GainBars bars;
  bars.resize(800, 480);
  bars.setGains(threeTargets());
  QCOMPARE(PlotExport::savePng(bars.plot(), out + "/gain_bars.png", 800, 480), QString());

  GainHeatmap map;
  map.setGains({"mnli", "qqp", "squad"},
               {{gain("sst2", 0.80, 0.831, 0.01, false), gain("mrpc", 0.74, 0.70, 0.01, true),
                 gain("xnli-sw", 0.61, 0.60, 0.01, false)},
                {gain("sst2", 0.80, 0.79, 0.01, false), gain("mrpc", 0.74, 0.79, 0.01, false)},
                {gain("sst2", 0.80, 0.82, 0.01, false), gain("xnli-sw", 0.61, 0.66, 0.01, false)}});
  QCOMPARE(PlotExport::savePng(map.plot(), out + "/gain_heatmap.png", 700, 420), QString());

  GainScatter scatter;
  scatter.setPoints({{"de", 0.31, 0.012},
                     {"fr", 0.35, 0.020},
                     {"ru", 0.52, -0.004},
                     {"hi", 0.61, -0.015},
                     {"sw", 0.72, -0.031},
                     {"zh", 0.66, -0.010}});
  QCOMPARE(PlotExport::savePng(scatter.plot(), out + "/gain_scatter.png", 700, 420), QString());
  GainScatter empty;
  QCOMPARE(PlotExport::savePng(empty.plot(), out + "/gain_scatter_empty.png", 700, 420), QString());
}

QTEST_MAIN(TestPlotsGains)
#include "test_plots_gains.moc"

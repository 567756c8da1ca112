// The window end to end: open an experiment, start it in the background, see points reach the
// plot, stop (every stored point kept), resume to the end, see the gain bars; bad input shows
// a dialog naming the file and line; closing mid-run stops the worker cleanly. Renders the
// window with a finished run to a PNG kept as a test artifact.
#include <QAction>
#include <QDir>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>
#include <random>

#include "MainWindow.h"
#include "RunStatus.h"
#include "TrainingWorker.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"
#include "plots/CurveStore.h"
#include "plots/GainBars.h"
#include "setup/SetupPanel.h"
#include "store/RunStore.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

// Epochs enough that a run lasts long enough to be stopped in the middle.
QByteArray experimentYaml(int epochs) {
  return QStringLiteral(R"(name: window-test
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 120}
pretrain: {text: [{path: movies.tsv, text: sentence}], steps: 6, batch_size: 16}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
  - {dataset: {path: phones.tsv, text: sentence, label: polarity}, task: sentiment, domain: phones}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: %1, threads: 1}
)")
      .arg(epochs)
      .toUtf8();
}

QAction* action(MainWindow& w, const QString& text) {
  for (QAction* a : w.findChildren<QAction*>())
    if (a->text().remove(QLatin1Char('&')) == text) return a;
  return nullptr;
}

QMessageBox* openWarning(MainWindow& w) {
  for (QMessageBox* box : w.findChildren<QMessageBox*>())
    if (box->isVisible()) return box;
  return nullptr;
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    qputenv("TWB_DATA_DIR", dir_.filePath("data").toUtf8());
    test::writeFile(dir_, "movies.tsv", test::sentimentTsv(300, {"film", "actor", "plot"}, 1));
    test::writeFile(dir_, "food.tsv", test::sentimentTsv(80, {"soup", "waiter", "pasta"}, 2));
    test::writeFile(dir_, "phones.tsv", test::sentimentTsv(80, {"screen", "battery", "case"}, 3));
    test::writeFile(dir_, "long.yaml", experimentYaml(60));
    test::writeFile(dir_, "short.yaml", experimentYaml(12));
  }

  void startStopResumeFinish() {
    MainWindow w(dir_.filePath("window.sqlite"));
    w.show();
    QVERIFY(w.openExperiment(dir_.filePath("long.yaml")));
    QAction* start = action(w, QStringLiteral("Start"));
    QAction* stop = action(w, QStringLiteral("Stop"));
    QAction* resume = action(w, QStringLiteral("Resume"));
    QVERIFY(start && stop && resume);
    QVERIFY(!stop->isEnabled());

    QSignalSpy finished(&w, &MainWindow::experimentFinished);
    start->trigger();
    QVERIFY(w.worker()->isRunning());
    QVERIFY(stop->isEnabled());
    // Points reach the plot while training runs in the background.
    QTRY_VERIFY_WITH_TIMEOUT(w.curves()->pointCount() > 20, 60000);
    QVERIFY(w.worker()->isRunning());
    stop->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    const auto stopped = finished.takeFirst().front().value<ExperimentOutcome>();
    QCOMPARE(stopped.status, QStringLiteral("interrupted"));
    QVERIFY(resume->isEnabled());

    // Every point the plot received was stored.
    RunStore store(w.databasePath());
    qint64 stored = 0;
    for (const StageRecord& s : store.stages(stopped.experimentId))
      stored += store.points(s.id).size();
    QCOMPARE(stored, w.curves()->pointCount());

    resume->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
    const auto done = finished.takeFirst().front().value<ExperimentOutcome>();
    QCOMPARE(done.status, QStringLiteral("finished"));
    QCOMPARE(done.experimentId, stopped.experimentId);
    QCOMPARE(done.gains.size(), 2);
    QCOMPARE(w.gainBars()->deltaLabels().size(), 2);
    QCOMPARE(w.gainBars()->deltaLabels().front(), GainBars::formatDelta(done.gains[0].delta.mean));

    // The stage the stop cut short was run again; a run's curves show only the new one.
    const QVector<StageRecord> stages = store.stages(stopped.experimentId);
    const auto cut = std::find_if(stages.begin(), stages.end(), [](const StageRecord& s) {
      return s.status == QLatin1String("interrupted");
    });
    QVERIFY(cut != stages.end());
    qint64 runId = cut->runId;
    for (const RunRecord& r : store.runs(stopped.experimentId))
      if (runId == 0 && r.seed == cut->seed && r.arm == QLatin1String("transfer")) runId = r.id;
    qint64 all = 0, drawn = 0;
    for (const StageRecord& s : store.stagesOfRun(runId)) {
      all += store.points(s.id).size();
      if (s.id != cut->id) drawn += store.points(s.id).size();
    }
    w.showSelectedRuns({runId});
    QCOMPARE(w.curves()->pointCount(), drawn);
    QVERIFY(drawn < all);
  }

  void finishedRunRendersToAnArtifact() {
    MainWindow w(dir_.filePath("render.sqlite"));
    w.resize(1360, 860);
    w.show();
    QVERIFY(w.openExperiment(dir_.filePath("short.yaml")));
    QSignalSpy finished(&w, &MainWindow::experimentFinished);
    w.startExperiment();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
    QCOMPARE(finished.front().front().value<ExperimentOutcome>().status,
             QStringLiteral("finished"));
    const QString folder = QCoreApplication::applicationDirPath() + QStringLiteral("/artifacts");
    QDir().mkpath(folder);
    const QString path = folder + QStringLiteral("/main-window-finished.png");
    QVERIFY(w.grab().save(path));
    QVERIFY(QFileInfo(path).size() > 10000);
  }

  void bundledPresetsSurviveTheSetupForm() {
    // Opening a preset and reading the form back must not change the experiment: the
    // cross-lingual preset's 32 language targets, zero-shot source and alpha included.
    MainWindow w(dir_.filePath("presets.sqlite"));
    for (const char* name : {"demo-domain.yaml", "demo-crosslingual.yaml"}) {
      const QString path = QStringLiteral(TWB_SOURCE_DIR "/resources/experiments/") + name;
      QVERIFY2(w.openExperiment(path), name);
      const ExperimentSpec loaded = loadExperiment(path);
      const QStringList differences = experimentDifferences(w.setupPanel()->spec(), loaded);
      QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    }
  }

  void timeLeftExtrapolatesThePace() {
    QCOMPARE(formatTimeLeft(10, 10, 70), QStringLiteral("1:00"));  // 1 s a step, 60 to go
    QCOMPARE(formatTimeLeft(5, 0, 70), QStringLiteral("--:--"));   // nothing to go on yet
    QCOMPARE(formatTimeLeft(37, 1, 101), QStringLiteral("1h01m"));
    QCOMPARE(formatTimeLeft(9, 10, 10), QStringLiteral("--:--"));  // done
  }

  void takesDroppedExperimentsAndDatasets() {
    // A dataset is what the experiment loader reads (datasetFormatFromSuffix), .tab and .ndjson
    // included; anything else is refused at the door.
    MainWindow w(dir_.filePath("drops.sqlite"));
    const auto accepts = [&](const char* name) {
      QMimeData mime;
      mime.setUrls({QUrl::fromLocalFile(dir_.filePath(QString::fromLatin1(name)))});
      QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QCoreApplication::sendEvent(&w, &enter);
      return enter.isAccepted();
    };
    for (const char* name : {"a.yaml", "a.yml", "a.tsv", "a.tab", "a.csv", "a.jsonl", "a.ndjson"})
      QVERIFY2(accepts(name), name);
    for (const char* name : {"a.txt", "a.json", "a"}) QVERIFY2(!accepts(name), name);
  }

  void badInputShowsTheFileAndLine() {
    MainWindow w(dir_.filePath("bad.sqlite"));
    w.show();
    const QString path =
        test::writeFile(dir_, "broken.yaml", "name: broken\nmodel: {arch: bert\ntargets: []\n");
    QVERIFY(!w.openExperiment(path));
    QMessageBox* box = openWarning(w);
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("broken.yaml:")), qPrintable(box->text()));
    QVERIFY(RunStore(w.databasePath()).experiments().isEmpty());
  }

  void closingMidRunStopsTheWorker() {
    auto* w = new MainWindow(dir_.filePath("close.sqlite"));
    w->show();
    QVERIFY(w->openExperiment(dir_.filePath("long.yaml")));
    w->startExperiment();
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount() > 5, 60000);
    QVERIFY(w->close());
    QVERIFY(!w->worker()->isRunning());
    delete w;
    RunStore store(dir_.filePath("close.sqlite"));
    QCOMPARE(store.experiments().size(), 1);
    QCOMPARE(store.experiments().front().status, QStringLiteral("interrupted"));
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"

// The experiment under faults: checkpoints never cross from one store to another, a store
// locked by another program stops the run resumably instead of dropping points, and a resume
// after either gives what an uninterrupted run gives.
#include <QtTest>
#include <memory>

#include "config/ExperimentLoader.h"
#include "experiment/Engine.h"
#include "store/RunStore.h"
#include "support/LockHolder.h"
#include "support/LogRecorder.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

const char* kYaml = R"(name: faults
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 150}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 2, threads: 1}
)";

// Polls per seed: 36 intermediate steps, then 8 per arm; 40 stops inside seed 1's targets,
// after its intermediate checkpoint was written.
constexpr int kStopInSeedOneTargets = 40;

// Takes the store's write lock from "another program" once training reaches a given step.
struct LockingState : test::LogRecorder {
  QString path;
  qint64 lockAtStep = 0;
  std::unique_ptr<test::LockHolder> holder;
  void progress(const Progress& p) override {
    if (p.done == lockAtStep && !holder) holder = std::make_unique<test::LockHolder>(path, 3000);
  }
};

}  // namespace

class PipelineFaultsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  ExperimentOutcome straight_;

  ExperimentSpec spec(const char* name = "exp.yaml") { return loadExperiment(dir_.filePath(name)); }

  ExperimentOutcome run(const QString& db, int cancelAfter = -1, qint64 resume = 0,
                        const char* yaml = "exp.yaml") {
    RunOptions options;
    options.dbPath = dir_.filePath(db);
    options.resumeExperimentId = resume;
    test::LogRecorder state;
    state.cancelAfter = cancelAfter;
    return Engine::run(spec(yaml), options, state);
  }

  void sameGainsAsStraight(const ExperimentOutcome& outcome) {
    QCOMPARE(outcome.gains.size(), straight_.gains.size());
    for (int i = 0; i < straight_.gains.size(); ++i) {
      QCOMPARE(outcome.gains[i].baseline.mean, straight_.gains[i].baseline.mean);
      QCOMPARE(outcome.gains[i].transfer.mean, straight_.gains[i].transfer.mean);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    test::writeSentimentFixtures(dir_);
    test::writeFile(dir_, "exp.yaml", kYaml);
    QByteArray other = kYaml;
    other.replace("lr: 2.0e-3", "lr: 4.0e-3");
    test::writeFile(dir_, "other.yaml", other);
    QDir(dir_.path()).mkpath("straight");
    straight_ = run("straight/runs.sqlite");
    QCOMPARE(straight_.status, QStringLiteral("finished"));
  }

  void twoStoresInOneFolderNeverLoadEachOthersCheckpoints() {
    const ExperimentOutcome a = run("a.sqlite", kStopInSeedOneTargets);
    QCOMPARE(a.status, QStringLiteral("interrupted"));
    // Another experiment, numbered 1 too, run to the end in a store beside it.
    const ExperimentOutcome b = run("b.sqlite", -1, 0, "other.yaml");
    QCOMPARE(b.status, QStringLiteral("finished"));
    QCOMPARE(b.experimentId, a.experimentId);
    const ExperimentOutcome resumed = run("a.sqlite", -1, a.experimentId);
    QCOMPARE(resumed.status, QStringLiteral("finished"));
    sameGainsAsStraight(resumed);
  }

  void aCheckpointFromAnotherStoreIsRefusedNotLoaded() {
    const ExperimentOutcome d = run("d.sqlite", kStopInSeedOneTargets);
    QCOMPARE(d.status, QStringLiteral("interrupted"));
    const QString mine = RunStore(dir_.filePath("d.sqlite")).checkpointFolder(d.experimentId) +
                         "/seed1-intermediate.safetensors";
    const QString theirs =
        RunStore(dir_.filePath("b.sqlite")).checkpointFolder(1) + "/seed1-intermediate.safetensors";
    QVERIFY(QFile::exists(mine) && QFile::exists(theirs));
    QVERIFY(QFile::remove(mine) && QFile::copy(theirs, mine));
    test::LogRecorder state;
    const ExperimentOutcome resumed = run("d.sqlite", -1, d.experimentId);
    QCOMPARE(resumed.status, QStringLiteral("failed"));
    QVERIFY2(resumed.error.contains("does not belong here"), qPrintable(resumed.error));
    QVERIFY2(resumed.error.contains("store_id"), qPrintable(resumed.error));
  }

  void aStoreLockedByAnotherProgramStopsTheRunResumably() {
    qputenv("TWB_STORE_WAIT", "0.5");
    RunOptions options;
    options.dbPath = dir_.filePath("locked.sqlite");
    LockingState state;
    state.path = options.dbPath;
    state.lockAtStep = 42;  // in seed 1's baseline target stage, 2 steps before it ends
    try {
      Engine::run(spec(), options, state);
      QFAIL("the run went on while it could not store its points");
    } catch (const StoreLocked& e) {
      QVERIFY2(QString(e.what()).contains("resume"), e.what());
    }
    state.holder.reset();  // the other program lets go
    qunsetenv("TWB_STORE_WAIT");
    QVERIFY(state.holder == nullptr);
    {
      RunStore store(options.dbPath);
      const ExperimentRecord experiment = store.experiments().front();
      QVERIFY(experiment.status != QLatin1String("finished"));
      for (const RunRecord& r : store.runs(experiment.id))
        QVERIFY2(r.status != QLatin1String("finished"), qPrintable(r.target + "/" + r.arm));
    }
    const ExperimentOutcome resumed = run("locked.sqlite", -1, 1);
    QCOMPARE(resumed.status, QStringLiteral("finished"));
    sameGainsAsStraight(resumed);
    RunStore store(options.dbPath);
    int interrupted = 0;
    for (const StageRecord& s : store.stages(1)) {
      if (s.status == QLatin1String("interrupted"))
        ++interrupted;
      else
        QCOMPARE(s.status, QStringLiteral("finished"));
    }
    QCOMPARE(interrupted, 1);  // the stage the lock stopped, kept and marked
  }
};

QTEST_GUILESS_MAIN(PipelineFaultsTest)
#include "test_pipeline_faults.moc"

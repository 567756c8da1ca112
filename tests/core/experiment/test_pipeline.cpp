// The experiment end to end on tiny fixtures: both arms for every target and seed, shared
// stages once per seed, the expected rows in the store, Δ computed from them; and bad input
// that stores nothing.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>
#include <random>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "experiment/Engine.h"
#include "family/EncoderConfig.h"
#include "store/RunStore.h"
#include "support/LogRecorder.h"
#include "support/TestSupport.h"
#include "train/Precision.h"

using namespace twb;

namespace {

using Silent = test::LogRecorder;

const char* kYaml = R"(name: pipeline-test
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 150}
pretrain: {text: [{path: movies.tsv, text: sentence}], steps: 4, batch_size: 16}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
  - {dataset: {path: phones.tsv, text: sentence, label: polarity}, task: sentiment, domain: phones}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 2, threads: 1}
)";

}  // namespace

class PipelineTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    test::writeSentimentFixtures(dir_);
    test::writeFile(dir_, "exp.yaml", kYaml);
  }

  void runsBothArmsForEveryTargetAndSeed() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("runs.sqlite");
    Silent state;
    const ExperimentOutcome outcome = Engine::run(spec, options, state);
    QCOMPARE(outcome.status, QStringLiteral("finished"));
    QVERIFY(state.points > 0);
    QCOMPARE(outcome.gains.size(), 2);

    RunStore store(options.dbPath);
    const auto runs = store.runs(outcome.experimentId);
    QCOMPARE(runs.size(), 2 * 2 * 2);  // arms x targets x seeds
    for (const RunRecord& r : runs) QCOMPARE(r.status, QStringLiteral("finished"));

    // Shared stages once per seed, a target stage per run, each with points.
    int pretrain = 0, intermediate = 0, target = 0;
    for (const StageRecord& s : store.stages(outcome.experimentId)) {
      pretrain += s.name == QLatin1String("pretrain");
      intermediate += s.name == QLatin1String("intermediate");
      target += s.name == QLatin1String("target");
      QVERIFY2(!store.points(s.id).isEmpty(), qPrintable(s.name));
      if (s.name != QLatin1String("target")) QCOMPARE(s.runId, qint64{0});
    }
    QCOMPARE(pretrain, 2);
    QCOMPARE(intermediate, 2);
    QCOMPARE(target, 8);

    // Δ in the outcome is what the stored test accuracies give.
    std::map<std::pair<QString, int>, std::map<QString, double>> accuracy;
    std::map<qint64, RunRecord> byId;
    for (const RunRecord& r : runs) byId[r.id] = r;
    for (const ResultRecord& res : store.results(outcome.experimentId))
      if (res.split == QLatin1String("test") && res.metric == QLatin1String("accuracy")) {
        const RunRecord& r = byId.at(res.runId);
        accuracy[{r.target, r.seed}][r.arm] = res.value;
      }
    for (const TargetGain& g : outcome.gains) {
      double sum = 0;
      for (int seed : {1, 2})
        sum += accuracy.at({g.target, seed}).at("transfer") -
               accuracy.at({g.target, seed}).at("baseline");
      QVERIFY(qAbs(g.delta.mean - sum / 2) < 1e-9);
      QCOMPARE(g.delta.n, 2);
    }
    QVERIFY(outcome.gains[0].target.startsWith(QStringLiteral("food")));

    // The shared stages' weights are kept beside the store, under its id, one file per seed
    // and stage.
    QVERIFY(store.checkpointFolder(outcome.experimentId)
                .startsWith(dir_.filePath("checkpoints/") + store.storeId() + "/"));
    for (int seed : {1, 2})
      for (const char* stage : {"pretrain", "intermediate"}) {
        const QString path = QStringLiteral("%1/seed%2-%3.safetensors")
                                 .arg(store.checkpointFolder(outcome.experimentId))
                                 .arg(seed)
                                 .arg(stage);
        QVERIFY2(QFile::exists(path), qPrintable(path));
      }
  }

  void aBrokenCachedTokenizerIsTrainedAgain() {
    // A cut-short cache file (a full disk, a kill while copying) must not block every later run.
    QDir tokenizers(dir_.filePath("tokenizers"));
    const QStringList models = tokenizers.entryList({"spm-*.model"}, QDir::Files);
    QVERIFY(!models.isEmpty());
    for (const QString& model : models) QFile(tokenizers.filePath(model)).resize(10);
    RunOptions options;
    options.dbPath = dir_.filePath("recache.sqlite");
    Silent state;
    const ExperimentOutcome outcome =
        Engine::run(loadExperiment(dir_.filePath("exp.yaml")), options, state);
    QCOMPARE(outcome.status, QStringLiteral("finished"));
    QVERIFY2(state.lines.join('\n').contains("cannot be read"), qPrintable(state.lines.join('\n')));
  }

  void cancellationKeepsEveryStoredPoint() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("cancel.sqlite");
    Silent state;
    state.cancelAfter = 6;
    const ExperimentOutcome outcome = Engine::run(spec, options, state);
    QCOMPARE(outcome.status, QStringLiteral("interrupted"));
    RunStore store(options.dbPath);
    int stored = 0;
    for (const StageRecord& s : store.stages(outcome.experimentId))
      stored += store.points(s.id).size();
    QCOMPARE(stored, state.points);  // every point reported was stored
    for (const RunRecord& r : store.runs(outcome.experimentId))
      QCOMPARE(r.status, QStringLiteral("interrupted"));
    QCOMPARE(store.experiment(outcome.experimentId)->status, QStringLiteral("interrupted"));
  }

  void resumeFinishesTheRunsAndMatchesAStraightRun() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("resume.sqlite");
    Silent interrupted;
    interrupted.cancelAfter = 40;  // inside the first seed's target runs
    const ExperimentOutcome first = Engine::run(spec, options, interrupted);
    QCOMPARE(first.status, QStringLiteral("interrupted"));

    Silent resumed;
    options.resumeExperimentId = first.experimentId;
    const ExperimentOutcome second = Engine::run(spec, options, resumed);
    QCOMPARE(second.status, QStringLiteral("finished"));
    QCOMPARE(second.experimentId, first.experimentId);
    RunStore store(options.dbPath);
    QCOMPARE(store.experiments().size(), 1);
    for (const RunRecord& r : store.runs(first.experimentId))
      QCOMPARE(r.status, QStringLiteral("finished"));

    // Shared stages come back from their checkpoints, so the gains equal a straight run's.
    options.resumeExperimentId = 0;
    options.dbPath = dir_.filePath("straight.sqlite");
    Silent straight;
    const ExperimentOutcome reference = Engine::run(spec, options, straight);
    QCOMPARE(second.gains.size(), reference.gains.size());
    for (int i = 0; i < reference.gains.size(); ++i) {
      QCOMPARE(second.gains[i].baseline.mean, reference.gains[i].baseline.mean);
      QCOMPARE(second.gains[i].transfer.mean, reference.gains[i].transfer.mean);
    }
  }

  // What auto and the defaults resolved to is stored; a resume trains with it, and an experiment
  // stored before it was recorded resumes as it ran then (fp32, no bucketing).
  void resumeTrainsWithTheSettingsTheExperimentStartedWith() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("settings.sqlite");
    Silent interrupted;
    interrupted.cancelAfter = 2;
    const ExperimentOutcome first = Engine::run(spec, options, interrupted);
    QCOMPARE(first.status, QStringLiteral("interrupted"));
    {
      const RunStore store(options.dbPath);
      const QJsonObject resolved =
          QJsonDocument::fromJson(store.experiment(first.experimentId)->resolved.toUtf8()).object();
      QCOMPARE(resolved.value("precision").toString(),
               precisionName(resolvePrecision("auto", torch::kCPU)));
      QCOMPARE(resolved.value("bucketing").toBool(false), true);
    }
    {  // as a store written before the settings were recorded holds it
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "legacy");
      db.setDatabaseName(options.dbPath);
      QVERIFY(db.open());
      QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE experiments SET resolved = NULL")));
      db.close();
    }
    QSqlDatabase::removeDatabase("legacy");
    Silent resumed;
    options.resumeExperimentId = first.experimentId;
    const ExperimentOutcome second = Engine::run(spec, options, resumed);
    QCOMPARE(second.status, QStringLiteral("finished"));
    QVERIFY2(resumed.lines.join('\n').contains(
                 QStringLiteral("not recorded (stored before version 4: fp32, no bucketing)")),
             qPrintable(resumed.lines.join('\n')));
  }

  void resumeRefusesAChangedExperimentFile() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("changed.sqlite");
    Silent state;
    state.cancelAfter = 2;
    const ExperimentOutcome first = Engine::run(spec, options, state);
    QByteArray yaml = kYaml;
    yaml.replace("epochs: 2, threads: 1", "epochs: 3, threads: 1");
    test::writeFile(dir_, "changed.yaml", yaml);
    options.resumeExperimentId = first.experimentId;
    Silent again;
    QVERIFY_THROWS_EXCEPTION(
        InputError, Engine::run(loadExperiment(dir_.filePath("changed.yaml")), options, again));
  }

  void stopBeforeTrainingStoresNothing() {
    // Stop pressed while datasets load or the tokenizer trains: no experiment appears.
    RunOptions options;
    options.dbPath = dir_.filePath("early-stop.sqlite");
    Silent state;
    state.cancelAfter = 0;
    const ExperimentOutcome outcome =
        Engine::run(loadExperiment(dir_.filePath("exp.yaml")), options, state);
    QCOMPARE(outcome.status, QStringLiteral("interrupted"));
    QCOMPARE(outcome.experimentId, qint64{0});
    QVERIFY(!QFile::exists(options.dbPath) || RunStore(options.dbPath).experiments().isEmpty());
  }

  void aModelTooLargeForTheMachineIsAnInputErrorBeforeAnythingIsAllocated() {
    // BERT-base's sizes give its published weight count (109,482,240 with the pooler).
    EncoderConfig base;
    base.vocabSize = 30522;
    base.hidden = 768;
    base.layers = 12;
    base.heads = 12;
    base.intermediate = 3072;
    QCOMPARE(base.parameterCount(), 109482240.0);
    QVERIFY_THROWS_EXCEPTION(InputError, checkTrainingFits(base, 32, 128, "x", 1e9));
    checkTrainingFits(base, 32, 128, "x", 24e9);  // fits in 24 GB

    QByteArray yaml = kYaml;
    yaml.replace("hidden: 32", "hidden: 1000000");
    test::writeFile(dir_, "huge.yaml", yaml);
    RunOptions options;
    options.dbPath = dir_.filePath("huge.sqlite");
    Silent state;
    try {
      Engine::run(loadExperiment(dir_.filePath("huge.yaml")), options, state);
      QFAIL("a model of a million hidden units was accepted");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("model.hidden (1000000)"), e.what());
      QVERIFY2(e.file().endsWith("huge.yaml"), e.what());
    }
    QVERIFY(!QFile::exists(options.dbPath));
  }

  void twoTargetsWithOneNameAreRejected() {
    QByteArray yaml = kYaml;
    yaml.replace("domain: phones}", "domain: food}");
    yaml.replace("path: phones.tsv", "path: food.tsv");
    test::writeFile(dir_, "twice.yaml", yaml);
    RunOptions options;
    options.dbPath = dir_.filePath("twice.sqlite");
    Silent state;
    try {
      Engine::run(loadExperiment(dir_.filePath("twice.yaml")), options, state);
      QFAIL("two targets named food/food were accepted");
    } catch (const InputError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("appears twice")), e.what());
    }
    QVERIFY(!QFile::exists(options.dbPath) || RunStore(options.dbPath).experiments().isEmpty());
  }

  void badInputStoresNothing() {
    QByteArray yaml = kYaml;
    yaml.replace("label: polarity}, task: sentiment, domain: phones",
                 "label: stars}, task: sentiment, domain: phones");
    test::writeFile(dir_, "bad.yaml", yaml);
    const ExperimentSpec spec = loadExperiment(dir_.filePath("bad.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("bad.sqlite");
    Silent state;
    try {
      Engine::run(spec, options, state);
      QFAIL("a missing column was accepted");
    } catch (const InputError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("stars")), e.what());
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("phones.tsv")), e.what());
    }
    QVERIFY(!QFile::exists(options.dbPath) || RunStore(options.dbPath).experiments().isEmpty());
  }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "test_pipeline.moc"

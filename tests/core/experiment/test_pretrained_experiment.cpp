// An experiment that starts from a Hugging Face checkpoint folder: the checkpoint's tokenizer
// and weights are used, the intermediate stage exports as a folder transformers can read and
// that loads again to identical outputs, and a mismatched model.arch stores nothing.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "common/InputError.h"
#include "common/TorchApi.h"
#include "config/ExperimentLoader.h"
#include "experiment/CheckpointExport.h"
#include "experiment/Engine.h"
#include "models/HfCheckpoint.h"
#include "models/Safetensors.h"
#include "store/RunStore.h"
#include "support/LogRecorder.h"
#include "support/TestSupport.h"
#include "text/HfTokenizer.h"
#include "text/ModelInputs.h"

using namespace twb;

namespace {

using Recorder = test::LogRecorder;

const QStringList kWords = {"great", "lovely",   "excellent", "superb",   "wonderful", "fine",
                            "awful", "terrible", "poor",      "dreadful", "boring",    "broken",
                            "the",   "a",        "it",        "was",      "really",    "quite",
                            "and",   "this",     "film",      "actor",    "plot",      "scene",
                            "soup",  "waiter",   "pasta",     "menu"};

// A tiny "pretrained" BERT: random weights of a masked-LM checkpoint and a WordPiece vocab.
QString writeCheckpoint(const QTemporaryDir& dir) {
  HfModelConfig config;
  config.modelType = QStringLiteral("bert");
  config.head = HfHead::MaskedLM;
  EncoderConfig& e = config.encoder;
  e.arch = QStringLiteral("bert");
  QStringList vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  vocab << kWords;
  e.vocabSize = vocab.size();
  e.hidden = 32;
  e.layers = 1;
  e.heads = 2;
  e.intermediate = 64;
  e.maxPositions = 64;
  torch::manual_seed(5);
  TaskModel model(e, HeadKind::MaskedLM);
  const QString folder = dir.filePath(QStringLiteral("tiny-bert"));
  exportHfModel(*model, config, folder);
  test::writeFile(dir, QStringLiteral("tiny-bert/vocab.txt"), vocab.join('\n').toUtf8() + "\n");
  test::writeFile(dir, QStringLiteral("tiny-bert/tokenizer_config.json"),
                  R"({"do_lower_case": true})");
  return folder;
}

const char* kYaml = R"(name: pretrained-test
model: {from: tiny-bert}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 2, threads: 1}
)";

}  // namespace

class PretrainedExperimentTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString checkpoint_;

 private Q_SLOTS:
  void initTestCase() {
    checkpoint_ = writeCheckpoint(dir_);
    test::writeFile(dir_, "movies.tsv", test::sentimentTsv(200, {"film", "actor", "plot"}, 1));
    test::writeFile(dir_, "food.tsv", test::sentimentTsv(80, {"soup", "waiter", "menu"}, 2));
    test::writeFile(dir_, "exp.yaml", kYaml);
  }

  void runsFromTheCheckpointAndExportsTheIntermediateModel() {
    const ExperimentSpec spec = loadExperiment(dir_.filePath("exp.yaml"));
    QCOMPARE(spec.model.source.kind, ModelSource::Folder);
    RunOptions options;
    options.dbPath = dir_.filePath("runs.sqlite");
    Recorder state;
    const ExperimentOutcome outcome = Engine::run(spec, options, state);
    QVERIFY2(outcome.status == QLatin1String("finished"), qPrintable(outcome.error));
    QVERIFY2(state.lines.join('\n').contains("bert checkpoint in " + checkpoint_),
             qPrintable(state.lines.join('\n')));
    // Without a pretrain section nothing is pretrained: every seed starts from the checkpoint.
    RunStore store(options.dbPath);
    for (const StageRecord& stage : store.stages(outcome.experimentId))
      QVERIFY(stage.name != QLatin1String("pretrain"));

    const QString file = stageCheckpointPath(options.dbPath, outcome.experimentId, 1,
                                             QStringLiteral("intermediate"));
    const ExportedModel exported = exportCheckpointAsHf(file, dir_.filePath("exported"));
    QCOMPARE(exported.architecture, QStringLiteral("BertForSequenceClassification"));
    QVERIFY(exported.files.contains("vocab.txt"));
    HfModel reloaded = importHfModel(exported.folder);
    QCOMPARE(reloaded.config.labels, QStringList({"neg", "pos"}));

    // The exported folder gives the stage's own outputs, through its own tokenizer.
    HfModelConfig config = reloaded.config;
    TaskModel stage(config.encoder, HeadKind::Classification, 2);
    stage->loadState(loadSafetensors(file));
    stage->eval();
    reloaded.model->eval();
    const auto tokenizer = loadHfTokenizer(exported.folder, QStringLiteral("bert"));
    const EncodedInput input = buildInput(QStringLiteral("bert"), tokenizer->specials(),
                                          tokenizer->encode("The soup was superb"), {}, 16);
    const torch::Tensor ids = torch::tensor(input.ids).unsqueeze(0);
    const torch::Tensor mask = torch::ones_like(ids);
    const torch::Tensor types = torch::tensor(input.types).unsqueeze(0);
    QCOMPARE(input.ids.size(), size_t{6});  // [CLS] the soup was superb [SEP]: all in the vocab
    torch::NoGradGuard noGrad;
    QVERIFY(
        torch::equal(stage->forward(ids, mask, types), reloaded.model->forward(ids, mask, types)));
  }

  void continuedPretrainingStartsFromTheCheckpoint() {
    QByteArray yaml = kYaml;
    yaml.replace("model: {from: tiny-bert}",
                 "model: {from: tiny-bert}\n"
                 "pretrain: {text: [{path: movies.tsv, text: sentence}], steps: 3, batch_size: 8}");
    test::writeFile(dir_, "continued.yaml", yaml);
    RunOptions options;
    options.dbPath = dir_.filePath("continued.sqlite");
    Recorder state;
    const ExperimentOutcome outcome =
        Engine::run(loadExperiment(dir_.filePath("continued.yaml")), options, state);
    QVERIFY2(outcome.status == QLatin1String("finished"), qPrintable(outcome.error));
    // A pretrain section continues masked-LM training from the checkpoint (its own head).
    RunStore store(options.dbPath);
    int pretrainStages = 0;
    for (const StageRecord& stage : store.stages(outcome.experimentId))
      pretrainStages += stage.name == QLatin1String("pretrain");
    QCOMPARE(pretrainStages, 1);
  }

  void aMaxLenBeyondTheModelsPositionsIsRefused() {
    QByteArray yaml = kYaml;
    yaml.replace("max_len: 16", "max_len: 100");
    test::writeFile(dir_, "long.yaml", yaml);
    RunOptions options;
    options.dbPath = dir_.filePath("long.sqlite");
    Recorder state;
    try {
      Engine::run(loadExperiment(dir_.filePath("long.yaml")), options, state);
      QFAIL("max_len 100 was accepted for a model with 64 positions");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("train.max_len: 100 tokens is more than the model's 64"),
               e.what());
    }
    QVERIFY(!QFileInfo::exists(options.dbPath));
  }

  void aMismatchedArchStoresNothing() {
    QByteArray yaml = kYaml;
    yaml.replace("model: {from: tiny-bert}", "model: {arch: xlnet, from: tiny-bert}");
    test::writeFile(dir_, "bad.yaml", yaml);
    const ExperimentSpec spec = loadExperiment(dir_.filePath("bad.yaml"));
    RunOptions options;
    options.dbPath = dir_.filePath("bad.sqlite");
    Recorder state;
    try {
      Engine::run(spec, options, state);
      QFAIL("a mismatched arch was accepted");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).contains("model.arch is 'xlnet'") &&
                   QString(e.what()).contains("bert checkpoint"),
               e.what());
    }
    QVERIFY(!QFileInfo::exists(options.dbPath));
  }
};

QTEST_GUILESS_MAIN(PretrainedExperimentTest)
#include "test_pretrained_experiment.moc"

// Hugging Face checkpoint folders: config.json errors, key checks, pickle refusal, export and
// re-import to identical outputs, and a new task head over a checkpoint's encoder.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "common/InputError.h"
#include "common/TorchApi.h"
#include "models/HfCheckpoint.h"
#include "models/Safetensors.h"
#include "support/TestSupport.h"

using twb::HfHead;
using twb::HfModelConfig;
using twb::InputError;
using twb::StateDict;

namespace {

HfModelConfig tinyConfig(const QString& modelType, HfHead head) {
  HfModelConfig config;
  config.modelType = modelType;
  config.head = head;
  twb::EncoderConfig& e = config.encoder;
  e.arch = twb::hfArchOf(modelType);
  e.vocabSize = 50;
  e.hidden = 16;
  e.layers = 2;
  e.heads = 4;
  e.intermediate = 24;
  const bool roberta = e.arch == QLatin1String("roberta");
  e.padId = roberta ? 1 : e.arch == QLatin1String("xlnet") ? 5 : 0;
  e.maxPositions = roberta ? 34 : 32;
  e.typeVocab = roberta ? 1 : e.arch == QLatin1String("xlnet") ? 3 : 2;
  e.layerNormEps = roberta ? 1e-5 : 1e-12;
  if (head == HfHead::SequenceClassification) config.labels = {"negative", "positive", "neutral"};
  return config;
}

// Writes a random model of the config as a checkpoint folder and returns the folder.
QString writeCheckpoint(const QTemporaryDir& dir, const QString& name, const HfModelConfig& config,
                        std::uint64_t seed = 7) {
  torch::manual_seed(seed);
  twb::TaskModel model(config.encoder, twb::headKindOf(config), config.labels.size());
  const QString folder = dir.filePath(name);
  twb::exportHfModel(*model, config, folder);
  return folder;
}

QString errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

void rewriteConfig(const QString& folder, const std::function<void(QJsonObject&)>& edit) {
  QFile file(folder + "/config.json");
  QVERIFY(file.open(QIODevice::ReadOnly));
  QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
  file.close();
  edit(json);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(QJsonDocument(json).toJson());
}

void rewriteWeights(const QString& folder, const std::function<void(StateDict&)>& edit) {
  StateDict state = twb::loadSafetensors(folder + "/model.safetensors");
  edit(state);
  twb::saveSafetensors(folder + "/model.safetensors", state);
}

torch::Tensor batchIds() { return torch::tensor({{2, 17, 9, 33, 3}, {2, 8, 41, 3, 0}}); }
torch::Tensor batchMask() { return torch::tensor({{1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}}); }

}  // namespace

class HfImportTest : public QObject {
  Q_OBJECT

 private slots:
  void exportThenImportGivesIdenticalOutputs_data() {
    QTest::addColumn<QString>("modelType");
    QTest::addColumn<int>("head");
    for (const char* type : {"bert", "roberta", "xlm-roberta", "xlnet"}) {
      QTest::addRow("%s-classifier", type) << type << int(HfHead::SequenceClassification);
      QTest::addRow("%s-mlm", type) << type << int(HfHead::MaskedLM);
    }
  }
  void exportThenImportGivesIdenticalOutputs() {
    QFETCH(QString, modelType);
    QFETCH(int, head);
    QTemporaryDir dir;
    const HfModelConfig config = tinyConfig(modelType, HfHead(head));
    torch::manual_seed(3);
    twb::TaskModel original(config.encoder, twb::headKindOf(config), config.labels.size());
    original->eval();
    twb::exportHfModel(*original, config, dir.filePath("out"));

    twb::HfModel loaded = twb::importHfModel(dir.filePath("out"));
    QCOMPARE(loaded.config.modelType, modelType);
    QCOMPARE(loaded.config.architecture, config.className(HfHead(head)));
    QCOMPARE(loaded.config.labels, config.labels);
    torch::NoGradGuard noGrad;
    const torch::Tensor types = torch::zeros_like(batchIds());
    const torch::Tensor a = original->forward(batchIds(), batchMask(), types);
    const torch::Tensor b = loaded.model->forward(batchIds(), batchMask(), types);
    QVERIFY(torch::equal(a, b));
  }

  void configErrorsNameTheKey() {
    QTemporaryDir dir;
    const QString folder = writeCheckpoint(dir, "m", tinyConfig("bert", HfHead::MaskedLM));
    rewriteConfig(folder, [](QJsonObject& json) { json.remove("hidden_size"); });
    QString error = errorOf([&] { twb::readHfConfig(folder); });
    QVERIFY2(error.contains("config.json") && error.contains("\"hidden_size\"") &&
                 error.contains("missing"),
             qPrintable(error));

    rewriteConfig(folder, [](QJsonObject& json) {
      json["hidden_size"] = 16;
      json["hidden_act"] = "relu";
    });
    error = errorOf([&] { twb::readHfConfig(folder); });
    QVERIFY2(error.contains("\"hidden_act\"") && error.contains("relu"), qPrintable(error));

    rewriteConfig(folder, [](QJsonObject& json) { json["model_type"] = "gpt2"; });
    error = errorOf([&] { twb::readHfConfig(folder); });
    QVERIFY2(error.contains("gpt2") && error.contains("xlm-roberta"), qPrintable(error));

    QVERIFY(errorOf([&] { twb::readHfConfig(dir.filePath("nothing")); }).contains("config.json"));
  }

  void aClassifierWithDefaultLabelsHasTwo() {
    // transformers leaves id2label out of config.json when it is its default.
    QTemporaryDir dir;
    HfModelConfig config = tinyConfig("bert", HfHead::SequenceClassification);
    config.labels = {"LABEL_0", "LABEL_1"};
    const QString folder = writeCheckpoint(dir, "m", config);
    rewriteConfig(folder, [](QJsonObject& json) {
      json.remove("id2label");
      json.remove("label2id");
      json.remove("num_labels");
      json.remove("problem_type");
    });
    const twb::HfModel model = twb::importHfModel(folder);
    QCOMPARE(model.config.labels, QStringList({"LABEL_0", "LABEL_1"}));
    QVERIFY(!model.config.regression);

    rewriteConfig(folder,
                  [](QJsonObject& json) { json["problem_type"] = "multi_label_classification"; });
    QVERIFY(errorOf([&] { twb::readHfConfig(folder); }).contains("multi-label"));

    // Found by fuzz_hf_config: num_labels 732000 took seconds and 2e9 labels ran out of memory.
    for (int count : {2000000000, -3}) {
      rewriteConfig(folder, [&](QJsonObject& json) {
        json.remove("problem_type");
        json["num_labels"] = count;
      });
      const QString error = errorOf([&] { twb::readHfConfig(folder); });
      QVERIFY2(error.contains("\"num_labels\"") && error.contains("config.json"),
               qPrintable(error));
    }
  }

  void missingUnexpectedAndMisshapenKeysAreNamed() {
    QTemporaryDir dir;
    const HfModelConfig config = tinyConfig("roberta", HfHead::SequenceClassification);
    const QString folder = writeCheckpoint(dir, "m", config);
    StateDict intact = twb::loadSafetensors(folder + "/model.safetensors");

    rewriteWeights(folder,
                   [](StateDict& s) { s.erase("roberta.encoder.layer.1.output.dense.bias"); });
    QString error = errorOf([&] { twb::importHfModel(folder); });
    QVERIFY2(error.contains("missing key \"roberta.encoder.layer.1.output.dense.bias\""),
             qPrintable(error));

    twb::saveSafetensors(folder + "/model.safetensors", intact);
    rewriteWeights(folder, [](StateDict& s) {
      s["roberta.encoder.layer.2.output.dense.bias"] = torch::zeros({16});
    });
    error = errorOf([&] { twb::importHfModel(folder); });
    QVERIFY2(error.contains("unexpected keys roberta.encoder.layer.2.output.dense.bias"),
             qPrintable(error));
    error = errorOf([&] { twb::importHfEncoder(folder, config, nullptr); });
    QVERIFY2(error.contains("roberta.encoder.layer.2.output.dense.bias"), qPrintable(error));

    twb::saveSafetensors(folder + "/model.safetensors", intact);
    rewriteWeights(folder, [](StateDict& s) {
      s["classifier.out_proj.weight"] = torch::zeros({5, 16});
    });
    error = errorOf([&] { twb::importHfModel(folder); });
    QVERIFY2(error.contains("classifier.out_proj.weight") && error.contains("[5, 16]") &&
                 error.contains("[3, 16]"),
             qPrintable(error));
  }

  void olderKeyNamesAndBareEncodersLoad() {
    QTemporaryDir dir;
    const HfModelConfig config = tinyConfig("bert", HfHead::Base);
    const QString folder = writeCheckpoint(dir, "m", config);
    twb::HfModel before = twb::importHfModel(folder);
    // A bare BertModel saved alone, with TensorFlow-era LayerNorm names.
    rewriteWeights(folder, [](StateDict& s) {
      StateDict renamed;
      for (auto& [key, tensor] : s) {
        std::string name = key.substr(std::string("bert.").size());
        const auto at = name.find("LayerNorm.weight");
        if (at != std::string::npos) name.replace(at, 16, "LayerNorm.gamma");
        renamed.emplace(name, tensor);
      }
      s = renamed;
    });
    twb::HfModel after = twb::importHfModel(folder);
    torch::NoGradGuard noGrad;
    QVERIFY(torch::equal(before.model->forward(batchIds(), batchMask(), {}),
                         after.model->forward(batchIds(), batchMask(), {})));
  }

  void anUnsupportedHeadRunsTheEncoderAndSaysSo() {
    QTemporaryDir dir;
    const QString folder = writeCheckpoint(dir, "m", tinyConfig("bert", HfHead::Base));
    rewriteConfig(folder, [](QJsonObject& json) {
      json["architectures"] = QJsonArray{"BertForTokenClassification"};
    });
    rewriteWeights(folder, [](StateDict& s) { s["classifier.weight"] = torch::zeros({9, 16}); });
    const twb::HfModel model = twb::importHfModel(folder);
    QVERIFY(model.model->head() == twb::HeadKind::Encoder);
    QVERIFY2(model.notes.join(" ").contains("classifier.weight"),
             qPrintable(model.notes.join(" ")));
  }

  void pickleWeightsAreRefusedWithHowToConvert() {
    QTemporaryDir dir;
    const QString folder = writeCheckpoint(dir, "m", tinyConfig("bert", HfHead::MaskedLM));
    QFile::rename(folder + "/model.safetensors", folder + "/pytorch_model.bin");
    const QString error = errorOf([&] { twb::importHfModel(folder); });
    QVERIFY2(error.contains("pytorch_model.bin") && error.contains("pickle") &&
                 error.contains("safe_serialization"),
             qPrintable(error));
  }

  void newTaskHeadOverACheckpointsEncoder() {
    QTemporaryDir dir;
    const HfModelConfig mlm = tinyConfig("xlnet", HfHead::MaskedLM);
    const QString folder = writeCheckpoint(dir, "m", mlm);
    QStringList notes;
    const StateDict encoder = twb::importHfEncoder(folder, mlm, &notes);
    QVERIFY2(notes.join(" ").contains("lm_loss.bias"), qPrintable(notes.join(" ")));
    twb::TaskModel classifier(mlm.encoder, twb::HeadKind::Classification, 2);
    classifier->loadEncoderState(encoder);
    twb::HfModel source = twb::importHfModel(folder);
    torch::NoGradGuard noGrad;
    source.model->eval();
    classifier->eval();
    QVERIFY(torch::equal(source.model->hidden(batchIds(), batchMask(), {}),
                         classifier->hidden(batchIds(), batchMask(), {})));
  }
};

QTEST_GUILESS_MAIN(HfImportTest)
#include "test_hf_import.moc"

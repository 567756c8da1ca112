// The three encoder families with every head: shapes, padding, key names, state transfer.
#include <QtTest>
#include <functional>
#include <set>

#include "common/InputError.h"
#include "common/TorchApi.h"
#include "models/TaskModel.h"

using twb::EncoderConfig;
using twb::HeadKind;
using twb::InputError;
using twb::TaskModel;

Q_DECLARE_METATYPE(HeadKind)

namespace {

constexpr int kVocab = 40;
constexpr int kHidden = 32;
constexpr int kLabels = 3;

int padIdOf(const QString& arch) { return arch == "roberta" ? 1 : arch == "xlnet" ? 5 : 0; }

EncoderConfig tinyConfig(const QString& arch) {
  twb::ModelSpec spec;
  spec.arch = arch;
  spec.layers = 2;
  spec.hidden = kHidden;
  spec.heads = 4;
  spec.ff = 64;
  return EncoderConfig::fromSpec(spec, kVocab, padIdOf(arch));
}

TaskModel makeModel(const QString& arch, HeadKind head, std::uint64_t seed) {
  torch::manual_seed(seed);
  TaskModel model(tinyConfig(arch), head, kLabels);
  model->eval();
  return model;
}

struct Batch {
  torch::Tensor ids, mask, types;
  std::vector<int> lengths;
  bool left = false;
};

// Rows of the given real lengths padded to the longest, ids below kVocab - 1; XLNet pads on the
// left. Segments: the first half 0, the second half 1, and for XLNet a final <cls> of segment 2.
Batch makeBatch(const QString& arch, const std::vector<int>& lengths) {
  Batch batch;
  batch.lengths = lengths;
  batch.left = arch == "xlnet";
  const int rows = int(lengths.size());
  const int width = *std::max_element(lengths.begin(), lengths.end());
  torch::manual_seed(99);
  batch.ids = torch::full({rows, width}, padIdOf(arch), torch::kLong);
  batch.mask = torch::zeros({rows, width}, torch::kLong);
  batch.types = torch::zeros({rows, width}, torch::kLong);
  for (int b = 0; b < rows; ++b) {
    const int n = lengths[b];
    const int start = batch.left ? width - n : 0;
    for (int t = 0; t < n; ++t) {
      batch.ids[b][start + t] = torch::randint(6, kVocab - 1, {1}).item<std::int64_t>();
      batch.mask[b][start + t] = 1;
      batch.types[b][start + t] = (batch.left && t == n - 1) ? 2 : (t >= n / 2 ? 1 : 0);
    }
  }
  return batch;
}

// The same rows with `extra` more padding columns on the padding side.
Batch padMore(const Batch& batch, const QString& arch, int extra) {
  Batch wider = batch;
  const auto rows = batch.ids.size(0);
  const torch::Tensor padIds = torch::full({rows, extra}, padIdOf(arch), torch::kLong);
  const torch::Tensor zeros = torch::zeros({rows, extra}, torch::kLong);
  auto join = [&](const torch::Tensor& pad, const torch::Tensor& t) {
    return batch.left ? torch::cat({pad, t}, 1) : torch::cat({t, pad}, 1);
  };
  wider.ids = join(padIds, batch.ids);
  wider.mask = join(zeros, batch.mask);
  wider.types = join(zeros, batch.types);
  return wider;
}

// Per-token output [B, T, ...] at the real positions of each row, stacked.
torch::Tensor realPositions(const torch::Tensor& out, const Batch& batch) {
  std::vector<torch::Tensor> parts;
  const auto width = batch.ids.size(1);
  for (std::size_t b = 0; b < batch.lengths.size(); ++b) {
    const int n = batch.lengths[b];
    const auto start = batch.left ? width - n : 0;
    parts.push_back(out[b].slice(0, start, start + n));
  }
  return torch::cat(parts, 0);
}

double maxDifference(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

QString errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return QString::fromUtf8(error.what());
  }
  return QString();
}

// Hugging Face's initialisation (std 0.02) leaves attention nearly uniform, which would hide
// position and masking mistakes: larger weights make every term count.
void sharpen(TaskModel& model) {
  torch::NoGradGuard noGrad;
  for (auto& p : model->parameters()) {
    if (p.dim() >= 2 || p.size(0) != kHidden) p.mul_(10.0);
  }
}

std::vector<int> sizesOf(const EncoderConfig& c) {
  return {c.layers, c.hidden, c.heads, c.intermediate};
}

std::int64_t parameterCount(const TaskModel& model) {
  std::int64_t count = 0;
  for (const auto& p : model->parameters()) count += p.numel();
  return count;
}

void addFamiliesAndHeads() {
  QTest::addColumn<QString>("arch");
  QTest::addColumn<HeadKind>("head");
  const std::pair<const char*, HeadKind> heads[] = {{"classification", HeadKind::Classification},
                                                    {"regression", HeadKind::Regression},
                                                    {"embedding", HeadKind::Embedding},
                                                    {"mlm", HeadKind::MaskedLM}};
  for (const char* arch : {"bert", "roberta", "xlnet"}) {
    for (const auto& [name, head] : heads) {
      QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(arch, name))) << QString(arch) << head;
    }
  }
}

}  // namespace

class EncodersTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(1); }

  void resolvesPresetsAndOverrides() {
    twb::ModelSpec spec;
    spec.arch = "roberta";
    spec.size = "mini";
    const auto mini = EncoderConfig::fromSpec(spec, 1000, 1);
    QCOMPARE(sizesOf(mini), (std::vector<int>{4, 256, 4, 1024}));
    QCOMPARE(mini.maxPositions, 514);
    QCOMPARE(mini.typeVocab, 1);
    QCOMPARE(mini.layerNormEps, 1e-5);
    QCOMPARE(mini.vocabSize, 1000);
    QCOMPARE(mini.padId, 1);
    QCOMPARE(mini.maxTokens(), 512);

    spec.arch = "bert";
    spec.size = "base";
    spec.layers = 3;
    const auto base = EncoderConfig::fromSpec(spec, 500, 0);
    QCOMPARE(sizesOf(base), (std::vector<int>{3, 768, 12, 3072}));
    QCOMPARE(base.maxPositions, 512);
    QCOMPARE(base.typeVocab, 2);
    QCOMPARE(base.layerNormEps, 1e-12);
    QCOMPARE(base.maxTokens(), 512);

    spec.arch = "xlnet";
    spec.size = "small";
    spec.layers = 0;
    const auto small = EncoderConfig::fromSpec(spec, 500, 5);
    QCOMPARE(sizesOf(small), (std::vector<int>{4, 512, 8, 2048}));
    QCOMPARE(small.layerNormEps, 1e-12);

    spec.size = "tiny";
    const auto tiny = EncoderConfig::fromSpec(spec, 500, 5);
    QCOMPARE(sizesOf(tiny), (std::vector<int>{2, 128, 2, 512}));
  }

  void rejectsUnknownArchAndSize() {
    twb::ModelSpec spec;
    spec.arch = "gpt2";
    QString error = errorOf([&] { EncoderConfig::fromSpec(spec, 100, 0); });
    QVERIFY2(error.contains("model.arch") && error.contains("gpt2") &&
                 error.contains("bert, roberta, xlnet"),
             qPrintable(error));
    spec.arch = "bert";
    spec.size = "huge";
    error = errorOf([&] { EncoderConfig::fromSpec(spec, 100, 0); });
    QVERIFY2(error.contains("model.size") && error.contains("huge") &&
                 error.contains("tiny, mini, small, base"),
             qPrintable(error));
    spec.size = "tiny";
    spec.heads = 3;  // 128 is not divisible by 3
    error = errorOf([&] { EncoderConfig::fromSpec(spec, 100, 0); });
    QVERIFY2(error.contains("model.heads"), qPrintable(error));
  }

  void rejectsTooLongInput() {
    for (const QString arch : {"bert", "roberta"}) {
      TaskModel model = makeModel(arch, HeadKind::Embedding, 1);
      const torch::Tensor ids = torch::full({1, 513}, 7, torch::kLong);
      const torch::Tensor mask = torch::ones_like(ids);
      QVERIFY(errorOf([&] { model(ids, mask, torch::zeros_like(ids)); }).contains("513 tokens"));
      const torch::Tensor fits = ids.slice(1, 0, 512);
      QCOMPARE(model(fits, torch::ones_like(fits), torch::zeros_like(fits)).size(0), 1);
    }
  }

  void producesShapes_data() { addFamiliesAndHeads(); }
  void producesShapes() {
    QFETCH(QString, arch);
    QFETCH(HeadKind, head);
    TaskModel model = makeModel(arch, head, 1);
    const Batch batch = makeBatch(arch, {6, 4, 5});
    const torch::Tensor out = model(batch.ids, batch.mask, batch.types);
    std::vector<std::int64_t> expected;
    switch (head) {
      case HeadKind::Classification:
        expected = {3, kLabels};
        break;
      case HeadKind::Regression:
        expected = {3};
        break;
      case HeadKind::Embedding:
        expected = {3, kHidden};
        break;
      case HeadKind::MaskedLM:
        expected = {3, 6, kVocab};
        break;
      case HeadKind::Encoder:
        expected = {3, 6, kHidden};
        break;
    }
    QCOMPARE(out.sizes().vec(), expected);
    QVERIFY(torch::isfinite(out).all().item<bool>());
    QCOMPARE(model->hidden(batch.ids, batch.mask, batch.types).sizes().vec(),
             (std::vector<std::int64_t>{3, 6, kHidden}));
    QVERIFY(model->head() == head);
    QCOMPARE(model->config().arch, arch);
  }

  void ignoresPadding_data() { addFamiliesAndHeads(); }
  void ignoresPadding() {
    QFETCH(QString, arch);
    QFETCH(HeadKind, head);
    TaskModel model = makeModel(arch, head, 2);
    sharpen(model);
    const Batch batch = makeBatch(arch, {6, 4, 2});
    const Batch wider = padMore(batch, arch, 5);
    torch::NoGradGuard noGrad;
    const torch::Tensor out = model(batch.ids, batch.mask, batch.types);
    const torch::Tensor outWide = model(wider.ids, wider.mask, wider.types);
    const bool perToken = head == HeadKind::MaskedLM;
    const double difference =
        perToken ? maxDifference(realPositions(out, batch), realPositions(outWide, wider))
                 : maxDifference(out, outWide);
    QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    const double hiddenDifference =
        maxDifference(realPositions(model->hidden(batch.ids, batch.mask, batch.types), batch),
                      realPositions(model->hidden(wider.ids, wider.mask, wider.types), wider));
    QVERIFY2(hiddenDifference < 1e-5, qPrintable(QString::number(hiddenDifference)));

    // The padded ids themselves must not matter either.
    Batch garbage = wider;
    garbage.ids = torch::where(wider.mask.eq(0), torch::full_like(wider.ids, 7), wider.ids);
    QVERIFY(maxDifference(
                realPositions(model->hidden(garbage.ids, garbage.mask, garbage.types), garbage),
                realPositions(model->hidden(wider.ids, wider.mask, wider.types), wider)) < 1e-5);
  }

  void seesThePaddingMask() {
    // Counter-check of ignoresPadding: unmasking the padding does change real positions.
    for (const QString arch : {"bert", "roberta", "xlnet"}) {
      TaskModel model = makeModel(arch, HeadKind::Embedding, 3);
      const Batch batch = makeBatch(arch, {6, 3});
      torch::NoGradGuard noGrad;
      const torch::Tensor masked = model->hidden(batch.ids, batch.mask, batch.types);
      const torch::Tensor unmasked =
          model->hidden(batch.ids, torch::ones_like(batch.mask), batch.types);
      QVERIFY2(maxDifference(realPositions(masked, batch), realPositions(unmasked, batch)) > 1e-3,
               qPrintable(arch));
    }
  }

  void countsRobertaPositionsFromTheMask() {
    // RoBERTa's positions are cumsum(mask) * mask + padId, so padding on the left, too, leaves
    // the real tokens' positions (and outputs) as they were.
    TaskModel model = makeModel("roberta", HeadKind::MaskedLM, 20);
    sharpen(model);
    Batch batch = makeBatch("roberta", {6, 3});
    Batch left = batch;
    left.left = true;
    left.ids = torch::roll(batch.ids, {3}, {1});
    left.mask = torch::roll(batch.mask, {3}, {1});
    left.types = torch::roll(batch.types, {3}, {1});
    left.ids[0] = batch.ids[0];
    left.mask[0] = batch.mask[0];
    left.types[0] = batch.types[0];
    torch::NoGradGuard noGrad;
    const torch::Tensor out = model->hidden(batch.ids, batch.mask, batch.types);
    const torch::Tensor outLeft = model->hidden(left.ids, left.mask, left.types);
    QVERIFY(maxDifference(realPositions(out, batch), realPositions(outLeft, left)) < 1e-5);
  }

  void usesSegmentsWhereTheFamilyDoes() {
    for (const QString arch : {"bert", "roberta", "xlnet"}) {
      TaskModel model = makeModel(arch, HeadKind::Embedding, 4);
      const Batch batch = makeBatch(arch, {6});
      torch::NoGradGuard noGrad;
      // At initialisation XLNet's segment term is tiny (no embedding LayerNorm): enlarge it.
      for (auto& [key, tensor] : model->state()) {
        if (key.find("seg_embed") != std::string::npos) tensor.normal_(0.0, 1.0);
      }
      const torch::Tensor withTypes = model(batch.ids, batch.mask, batch.types);
      const torch::Tensor oneSegment = model(batch.ids, batch.mask, torch::zeros_like(batch.types));
      const double difference = maxDifference(withTypes, oneSegment);
      // RoBERTa has a single token type and ignores segment ids.
      if (arch == "roberta") {
        QCOMPARE(difference, 0.0);
      } else {
        QVERIFY2(difference > 1e-4, qPrintable(arch));
      }
    }
  }

  void dropoutOnlyWhenTraining() {
    for (const QString arch : {"bert", "roberta", "xlnet"}) {
      TaskModel model = makeModel(arch, HeadKind::Classification, 5);
      const Batch batch = makeBatch(arch, {6, 4});
      torch::NoGradGuard noGrad;
      QVERIFY(torch::equal(model(batch.ids, batch.mask, batch.types),
                           model(batch.ids, batch.mask, batch.types)));
      model->train();
      QVERIFY2(maxDifference(model(batch.ids, batch.mask, batch.types),
                             model(batch.ids, batch.mask, batch.types)) > 1e-6,
               qPrintable(arch));
    }
  }

  void namesParametersAsHuggingFace_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<HeadKind>("head");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("bert classification")
        << "bert" << HeadKind::Classification
        << QStringList{"bert.embeddings.word_embeddings.weight",
                       "bert.embeddings.position_embeddings.weight",
                       "bert.embeddings.token_type_embeddings.weight",
                       "bert.embeddings.LayerNorm.weight",
                       "bert.embeddings.LayerNorm.bias",
                       "bert.encoder.layer.0.attention.self.query.weight",
                       "bert.encoder.layer.1.attention.self.key.bias",
                       "bert.encoder.layer.1.attention.self.value.weight",
                       "bert.encoder.layer.0.attention.output.dense.weight",
                       "bert.encoder.layer.0.attention.output.LayerNorm.weight",
                       "bert.encoder.layer.0.intermediate.dense.weight",
                       "bert.encoder.layer.0.output.dense.weight",
                       "bert.encoder.layer.0.output.LayerNorm.bias",
                       "bert.pooler.dense.weight",
                       "classifier.weight",
                       "classifier.bias"}
        << QStringList{"bert.encoder.layer.2.attention.self.query.weight"};
    QTest::newRow("bert mlm") << "bert" << HeadKind::MaskedLM
                              << QStringList{"cls.predictions.transform.dense.weight",
                                             "cls.predictions.transform.LayerNorm.weight",
                                             "cls.predictions.bias"}
                              << QStringList{"cls.predictions.decoder.weight",
                                             "bert.pooler.dense.weight", "classifier.weight"};
    QTest::newRow("bert embedding")
        << "bert" << HeadKind::Embedding << QStringList{"bert.embeddings.word_embeddings.weight"}
        << QStringList{"bert.pooler.dense.weight", "classifier.weight"};
    QTest::newRow("roberta classification")
        << "roberta" << HeadKind::Classification
        << QStringList{"roberta.embeddings.word_embeddings.weight",
                       "roberta.embeddings.position_embeddings.weight",
                       "roberta.encoder.layer.1.attention.self.query.weight",
                       "roberta.encoder.layer.1.output.LayerNorm.weight",
                       "classifier.dense.weight",
                       "classifier.out_proj.weight",
                       "classifier.out_proj.bias"}
        << QStringList{"roberta.pooler.dense.weight", "classifier.weight"};
    QTest::newRow("roberta regression")
        << "roberta" << HeadKind::Regression
        << QStringList{"classifier.dense.weight", "classifier.out_proj.weight"} << QStringList{};
    QTest::newRow("roberta mlm") << "roberta" << HeadKind::MaskedLM
                                 << QStringList{"lm_head.dense.weight", "lm_head.layer_norm.weight",
                                                "lm_head.layer_norm.bias", "lm_head.bias"}
                                 << QStringList{"lm_head.decoder.weight"};
    QStringList xlnet{"transformer.word_embedding.weight",
                      "transformer.mask_emb",
                      "transformer.layer.0.rel_attn.layer_norm.weight",
                      "transformer.layer.0.ff.layer_1.weight",
                      "transformer.layer.0.ff.layer_2.bias",
                      "transformer.layer.0.ff.layer_norm.weight",
                      "sequence_summary.summary.weight",
                      "sequence_summary.summary.bias",
                      "logits_proj.weight",
                      "logits_proj.bias"};
    for (const char* name :
         {"q", "k", "v", "o", "r", "r_w_bias", "r_r_bias", "r_s_bias", "seg_embed"}) {
      xlnet << QStringLiteral("transformer.layer.1.rel_attn.") + name;
    }
    QTest::newRow("xlnet classification")
        << "xlnet" << HeadKind::Classification << xlnet << QStringList{"lm_loss.bias"};
    QTest::newRow("xlnet mlm") << "xlnet" << HeadKind::MaskedLM << QStringList{"lm_loss.bias"}
                               << QStringList{"lm_loss.weight", "logits_proj.weight"};
  }

  void namesParametersAsHuggingFace() {
    QFETCH(QString, arch);
    QFETCH(HeadKind, head);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    TaskModel model = makeModel(arch, head, 6);
    const twb::StateDict state = model->state();
    for (const QString& key : present) QVERIFY2(state.count(key.toStdString()), qPrintable(key));
    for (const QString& key : absent) QVERIFY2(!state.count(key.toStdString()), qPrintable(key));
    // Every named parameter is distinct: no tied tensor is registered twice.
    std::set<void*> storages;
    for (const auto& p : model->parameters()) QVERIFY(storages.insert(p.data_ptr()).second);
  }

  void shapesXLNetParametersAsHuggingFace() {
    TaskModel model = makeModel("xlnet", HeadKind::Classification, 7);
    const twb::StateDict state = model->state();
    const std::vector<std::int64_t> projection{kHidden, 4, 8}, bias{4, 8}, seg{2, 4, 8};
    for (const char* name : {"q", "k", "v", "o", "r"}) {
      QCOMPARE(state.at(std::string("transformer.layer.0.rel_attn.") + name).sizes().vec(),
               projection);
    }
    for (const char* name : {"r_w_bias", "r_r_bias", "r_s_bias"}) {
      QCOMPARE(state.at(std::string("transformer.layer.0.rel_attn.") + name).sizes().vec(), bias);
    }
    QCOMPARE(state.at("transformer.layer.0.rel_attn.seg_embed").sizes().vec(), seg);
    QCOMPARE(state.at("transformer.mask_emb").sizes().vec(),
             (std::vector<std::int64_t>{1, 1, kHidden}));
    QCOMPARE(state.at("transformer.layer.0.ff.layer_1.weight").sizes().vec(),
             (std::vector<std::int64_t>{64, kHidden}));
  }

  void tiesDecoderToWordEmbeddings() {
    const std::pair<const char*, const char*> cases[] = {
        {"bert", "bert.embeddings.word_embeddings.weight"},
        {"roberta", "roberta.embeddings.word_embeddings.weight"},
        {"xlnet", "transformer.word_embedding.weight"}};
    for (const auto& [arch, key] : cases) {
      TaskModel model = makeModel(arch, HeadKind::MaskedLM, 8);
      const Batch batch = makeBatch(arch, {5});
      torch::NoGradGuard noGrad;
      const torch::Tensor before = model(batch.ids, batch.mask, batch.types);
      // Scaling the embedding rows of tokens absent from the input changes only their logits.
      torch::Tensor words = model->state().at(key);
      words[kVocab - 1].mul_(3.0);
      const torch::Tensor after = model(batch.ids, batch.mask, batch.types);
      const bool inInput = batch.ids.eq(kVocab - 1).any().item<bool>();
      QVERIFY2(!inInput, arch);
      QVERIFY2(maxDifference(before.slice(2, 0, kVocab - 1), after.slice(2, 0, kVocab - 1)) < 1e-6,
               arch);
      QVERIFY2(
          torch::allclose(
              after.select(2, kVocab - 1) - before.select(2, kVocab - 1),
              2.0 * (before.select(2, kVocab - 1) -
                     model->state().at(arch == QString("bert")      ? "cls.predictions.bias"
                                       : arch == QString("roberta") ? "lm_head.bias"
                                                                    : "lm_loss.bias")[kVocab - 1]),
              1e-4, 1e-5),
          arch);
    }
  }

  void movesEncoderBetweenHeads() {
    for (const QString arch : {"bert", "roberta", "xlnet"}) {
      TaskModel pretrained = makeModel(arch, HeadKind::MaskedLM, 10);
      TaskModel classifier = makeModel(arch, HeadKind::Classification, 11);
      const Batch batch = makeBatch(arch, {6, 3});
      torch::NoGradGuard noGrad;
      const torch::Tensor expected = pretrained->hidden(batch.ids, batch.mask, batch.types);
      QVERIFY(maxDifference(classifier->hidden(batch.ids, batch.mask, batch.types), expected) >
              1e-3);

      const twb::StateDict encoder = pretrained->encoderState();
      const std::string prefix = arch == "xlnet" ? "transformer." : arch.toStdString() + ".";
      for (const auto& item : encoder) QVERIFY(item.first.rfind(prefix, 0) == 0);
      classifier->loadEncoderState(encoder);
      QVERIFY2(torch::equal(classifier->hidden(batch.ids, batch.mask, batch.types), expected),
               qPrintable(arch));

      // And back: the classifier's encoder (with BERT's pooler) into a fresh MLM model.
      TaskModel again = makeModel(arch, HeadKind::MaskedLM, 12);
      again->loadEncoderState(classifier->encoderState());
      QVERIFY(torch::equal(again->hidden(batch.ids, batch.mask, batch.types), expected));
      // The copy is by value: training one model later does not move the other.
      QVERIFY(again->state().begin()->second.data_ptr() !=
              classifier->state().begin()->second.data_ptr());
    }
  }

  void rejectsEncoderStateThatDoesNotFit() {
    for (const QString arch : {"bert", "roberta", "xlnet"}) {
      TaskModel model = makeModel(arch, HeadKind::Classification, 13);
      const twb::StateDict original = model->state();
      twb::StateDict state = makeModel(arch, HeadKind::MaskedLM, 14)->encoderState();
      const std::string missing =
          arch == "xlnet" ? "transformer.layer.1.rel_attn.seg_embed"
                          : arch.toStdString() + ".encoder.layer.1.attention.self.key.bias";
      QVERIFY(state.erase(missing) == 1);
      QString error = errorOf([&] { model->loadEncoderState(state); });
      QVERIFY2(error.contains(QString::fromStdString(missing)) && error.contains("missing"),
               qPrintable(error));

      state = makeModel(arch, HeadKind::MaskedLM, 14)->encoderState();
      const std::string wrong = arch == "xlnet"
                                    ? "transformer.layer.0.rel_attn.q"
                                    : arch.toStdString() + ".embeddings.word_embeddings.weight";
      state[wrong] = torch::zeros({3, 3});
      error = errorOf([&] { model->loadEncoderState(state); });
      QVERIFY2(error.contains(QString::fromStdString(wrong)) && error.contains("[3, 3]"),
               qPrintable(error));
      // A failed load leaves every weight as it was.
      for (const auto& [key, tensor] : model->state()) {
        QVERIFY2(torch::equal(tensor, original.at(key)), key.c_str());
      }
    }
  }

  void loadsWholeStateStrictly() {
    TaskModel a = makeModel("roberta", HeadKind::Regression, 15);
    TaskModel b = makeModel("roberta", HeadKind::Regression, 16);
    const Batch batch = makeBatch("roberta", {6, 2});
    torch::NoGradGuard noGrad;
    b->loadState(a->state());
    QVERIFY(
        torch::equal(a(batch.ids, batch.mask, batch.types), b(batch.ids, batch.mask, batch.types)));

    twb::StateDict extra = a->state();
    extra["roberta.pooler.dense.weight"] = torch::zeros({kHidden, kHidden});
    QVERIFY(errorOf([&] { b->loadState(extra); }).contains("roberta.pooler.dense.weight"));
    // A state of another head does not fit.
    const QString error =
        errorOf([&] { b->loadState(makeModel("roberta", HeadKind::MaskedLM, 17)->state()); });
    QVERIFY2(error.contains("lm_head") || error.contains("classifier"), qPrintable(error));
  }

  void acceptsOldBertCheckpointNames() {
    TaskModel source = makeModel("bert", HeadKind::Embedding, 18);
    TaskModel target = makeModel("bert", HeadKind::Embedding, 19);
    twb::StateDict renamed;
    for (const auto& [key, tensor] : source->encoderState()) {
      std::string name = key.substr(5);  // no "bert." prefix
      const auto ln = name.find("LayerNorm.");
      if (ln != std::string::npos) {
        name = name.substr(0, ln + 10) + (name.substr(ln + 10) == "weight" ? "gamma" : "beta");
      }
      renamed[name] = tensor;
    }
    QVERIFY(renamed.count("embeddings.LayerNorm.gamma"));
    target->loadEncoderState(renamed);
    const Batch batch = makeBatch("bert", {4});
    torch::NoGradGuard noGrad;
    QVERIFY(torch::equal(source->hidden(batch.ids, batch.mask, batch.types),
                         target->hidden(batch.ids, batch.mask, batch.types)));
  }

  void countsParametersAsHuggingFaceBase() {
    // Hugging Face's parameter counts of bert-base-uncased, roberta-base and xlnet-base-cased
    // with 2-label sequence heads (and BertForMaskedLM, whose decoder is tied).
    struct Case {
      const char* arch;
      int vocab;
      int padId;
      HeadKind head;
      std::int64_t count;
    };
    const Case cases[] = {{"bert", 30522, 0, HeadKind::Classification, 109483778},
                          {"bert", 30522, 0, HeadKind::MaskedLM, 109514298},
                          {"roberta", 50265, 1, HeadKind::Classification, 124647170},
                          {"xlnet", 32000, 5, HeadKind::Classification, 117310466}};
    for (const Case& c : cases) {
      twb::ModelSpec spec;
      spec.arch = c.arch;
      spec.size = "base";
      TaskModel model(EncoderConfig::fromSpec(spec, c.vocab, c.padId), c.head, 2);
      QCOMPARE(parameterCount(model), c.count);
    }
  }
};

QTEST_GUILESS_MAIN(EncodersTest)
#include "test_encoders.moc"

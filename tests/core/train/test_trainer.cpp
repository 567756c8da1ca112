// The trainer learns a small learnable task well above chance, is deterministic for a seed,
// stops on a NaN loss with a clear message, and honours cancellation within one step.
#include <ATen/autocast_mode.h>

#include <QtTest>

#include "common/InputError.h"
#include "common/TaskState.h"
#include "train/MaskedLM.h"
#include "train/Trainer.h"

using namespace twb;

namespace {

const SpecialIds kSpecials{0, 1, 2, 3, 4};

// Bag-of-words sentiment: class 1 texts draw 80% of their tokens from ids 5..24, class 0
// from 25..44; lengths vary so padding is exercised.
std::vector<EncodedExample> makeTask(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<EncodedExample> out;
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const int length = 4 + static_cast<int>(rng() % 8);
    std::vector<int> ids;
    for (int t = 0; t < length; ++t) {
      const bool own = rng() % 10 < 8;
      const int half = (label == 1) == own ? 5 : 25;
      ids.push_back(half + static_cast<int>(rng() % 20));
    }
    EncodedExample e;
    e.input = buildInput(QStringLiteral("bert"), kSpecials, ids, {}, 32);
    e.label = label;
    out.push_back(e);
  }
  return out;
}

EncoderConfig tinyConfig() {
  EncoderConfig c;
  c.vocabSize = 48;
  c.hidden = 32;
  c.layers = 1;
  c.heads = 2;
  c.intermediate = 64;
  c.dropout = 0.0;
  return c;
}

struct Recorder : StageReporter {
  std::vector<double> losses;
  long cancelAt = 0;
  void point(const QString& name, long, double, double value) override {
    if (name == QLatin1String("train_loss")) losses.push_back(value);
  }
  void step(long step, long, double) override {
    if (cancelAt > 0 && step >= cancelAt) throw Cancelled{};
  }
  void log(const QString&) override {}
};

// Runs of consecutive ids (7 8 9 10 ...): a masked id follows from its neighbours.
std::vector<EncodedExample> makeRuns(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<EncodedExample> out;
  for (int i = 0; i < n; ++i) {
    const int start = 5 + static_cast<int>(rng() % 30);
    std::vector<int> ids;
    for (int t = 0; t < 10; ++t) ids.push_back(start + t);
    EncodedExample e;
    e.input = buildInput(QStringLiteral("bert"), kSpecials, ids, {}, 32);
    out.push_back(e);
  }
  return out;
}

BatchMaker batches() {
  BatchMaker b;
  b.arch = QStringLiteral("bert");
  b.specials = kSpecials;
  return b;
}

TrainerOptions options() {
  TrainerOptions o;
  o.lr = 3e-3;
  o.batchSize = 16;
  o.epochs = 6;
  o.seed = 7;
  return o;
}

}  // namespace

class TrainerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(1); }

  void learnsWellAboveChance() {
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    Recorder rec;
    const auto train = makeTask(320, 1), dev = makeTask(80, 2), test = makeTask(200, 3);
    const FitOutcome out = fit(model, train, dev, batches(), options(), rec);
    QVERIFY(out.steps > 0);
    const Evaluation ev = evaluate(model, test, batches(), 32);
    QCOMPARE(ev.primaryName, QStringLiteral("accuracy"));
    QVERIFY2(ev.primary > 0.85, qPrintable(QString::number(ev.primary)));
    QVERIFY(rec.losses.back() < rec.losses.front());
  }

  // bf16 autocast with length bucketing learns the same task as well; the weights and the
  // optimizer stay float32.
  void bf16WithBucketingLearnsAsWell() {
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    Recorder rec;
    BatchMaker b = batches();
    b.precision = Precision::Bf16;
    TrainerOptions o = options();
    o.bucketing = true;
    const auto train = makeTask(320, 1), dev = makeTask(80, 2), test = makeTask(200, 3);
    fit(model, train, dev, b, o, rec);
    const Evaluation ev = evaluate(model, test, b, 32);
    QVERIFY2(ev.primary > 0.85, qPrintable(QString::number(ev.primary)));
    for (const auto& p : model->parameters()) QCOMPARE(p.scalar_type(), torch::kFloat32);
    QVERIFY(!at::autocast::is_cpu_enabled());  // the scope ended with the step
  }

  // Under bf16 the encoder's products round to 8 bits but a head's outputs must not: a
  // similarity score on the bf16 grid ties Spearman and makes weak models constant.
  void bf16PredictionsAreNotRoundedToBf16() {
    torch::manual_seed(4);
    TaskModel model(tinyConfig(), HeadKind::Regression);
    BatchMaker b = batches();
    b.regression = true;
    b.precision = Precision::Bf16;
    std::vector<EncodedExample> test = makeTask(64, 5);
    for (size_t i = 0; i < test.size(); ++i) test[i].score = static_cast<float>(i % 5);
    const Evaluation ev = evaluate(model, test, b, 16);
    int offGrid = 0;
    for (double score : ev.predicted) {
      const float f = static_cast<float>(score);
      offGrid += static_cast<float>(c10::BFloat16(f)) != f;
    }
    QVERIFY2(offGrid > 48, qPrintable(QString::number(offGrid)));
  }

  // Evaluation sorts rows by length into batches but answers in the order it was given.
  void evaluationAnswersInTheGivenOrder() {
    torch::manual_seed(2);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    const auto test = makeTask(50, 4);
    const Evaluation together = evaluate(model, test, batches(), 16);
    for (size_t i = 0; i < test.size(); i += 7) {
      const Evaluation alone = evaluate(model, {test[i]}, batches(), 1);
      QCOMPARE(together.gold[i], alone.gold[0]);
      QCOMPARE(together.predicted[i], alone.predicted[0]);
      QVERIFY(std::abs(together.probability[i] - alone.probability[0]) < 1e-5);
    }
  }

  void sameSeedGivesTheSameLossCurve() {
    auto curve = [] {
      torch::manual_seed(3);
      EncoderConfig c = tinyConfig();
      c.dropout = 0.1;  // dropout must be seeded too
      TaskModel model(c, HeadKind::Classification, 2);
      Recorder rec;
      TrainerOptions o = options();
      o.epochs = 2;
      fit(model, makeTask(64, 1), makeTask(16, 2), batches(), o, rec);
      return rec.losses;
    };
    const auto first = curve();
    QCOMPARE(curve(), first);
    QVERIFY(first.size() == 8);
  }

  void nanLossStopsWithAClearMessage() {
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    {
      torch::NoGradGuard guard;
      for (auto& p : model->parameters()) p.fill_(std::numeric_limits<float>::quiet_NaN());
    }
    Recorder rec;
    try {
      fit(model, makeTask(32, 1), {}, batches(), options(), rec);
      QFAIL("a NaN loss did not stop training");
    } catch (const RunError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("NaN")), e.what());
    }
  }

  void cancellationStopsWithinOneStep() {
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    Recorder rec;
    rec.cancelAt = 3;
    QVERIFY_THROWS_EXCEPTION(Cancelled,
                             fit(model, makeTask(320, 1), {}, batches(), options(), rec));
    QCOMPARE(rec.losses.size(), size_t{3});
  }

  void earlyStoppingRestoresTheBestWeights() {
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::Classification, 2);
    Recorder rec;
    TrainerOptions o = options();
    o.epochs = 40;
    o.patience = 2;
    const auto dev = makeTask(80, 2);
    const FitOutcome out = fit(model, makeTask(320, 1), dev, batches(), o, rec);
    QVERIFY(out.stoppedEarly);
    QVERIFY(out.steps < 40 * 20);
    // The weights left in the model are the best ones seen on dev.
    QCOMPARE(evaluate(model, dev, batches(), 32).primary, out.bestDev);
  }

  // In both precisions: the masked-LM head's LayerNorm receives bf16 under autocast.
  void maskedLmLossFalls_data() {
    QTest::addColumn<bool>("bf16");
    QTest::newRow("fp32") << false;
    QTest::newRow("bf16") << true;
  }
  void maskedLmLossFalls() {
    QFETCH(bool, bf16);
    torch::manual_seed(1);
    TaskModel model(tinyConfig(), HeadKind::MaskedLM);
    Recorder rec;
    PretrainOptions o;
    o.steps = 300;
    o.batchSize = 32;
    o.lr = 3e-3;
    BatchMaker b = batches();
    b.precision = bf16 ? Precision::Bf16 : Precision::Fp32;
    pretrainMaskedLM(model, makeRuns(512, 4), b, o, rec);
    QCOMPARE(rec.losses.size(), size_t{300});
    const double first = (rec.losses[0] + rec.losses[1] + rec.losses[2]) / 3;
    const double last = (rec.losses[297] + rec.losses[298] + rec.losses[299]) / 3;
    // From chance (ln 48 = 3.9) to well below the 3.4 of guessing among the 30 ids in use.
    QVERIFY2(last < 2.0, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
  }
};

QTEST_GUILESS_MAIN(TrainerTest)
#include "test_trainer.moc"

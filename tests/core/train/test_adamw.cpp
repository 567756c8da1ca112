// The fused AdamW: torch's AdamW's parameters, step after step, and its handling of gradients.
#include <QtTest>

#include "train/AdamW.h"

using namespace twb;

namespace {

// Two groups as makeAdamW builds them, one parameter never used (no gradient), and a big one
// the thread pool splits.
struct Params {
  torch::Tensor matrix = torch::randn({300, 257});
  torch::Tensor bias = torch::randn({257});
  torch::Tensor unused = torch::randn({5, 5});
  Params clone() const { return {matrix.clone(), bias.clone(), unused.clone()}; }
  std::vector<torch::Tensor> all() const { return {matrix, bias, unused}; }
};

void requireGrad(Params& p) {
  p.matrix.requires_grad_(true);
  p.bias.requires_grad_(true);
  p.unused.requires_grad_(true);
}

torch::Tensor lossOf(const Params& p, const torch::Tensor& x) {
  return (torch::tanh(x.matmul(p.matrix) + p.bias)).pow(2).mean();
}

double largestDifference(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>() / std::max(1e-12, b.abs().max().item<double>());
}

}  // namespace

class AdamWTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    torch::set_num_threads(2);
    torch::manual_seed(3);
  }

  void stepsAsTorchsAdamW() {
    Params ours, theirs;
    theirs = ours.clone();
    requireGrad(ours);
    requireGrad(theirs);
    AdamW fused({{{ours.matrix}, 0.01}, {{ours.bias, ours.unused}, 0.0}}, 1e-2);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(std::vector<torch::Tensor>{theirs.matrix},
                        std::make_unique<torch::optim::AdamWOptions>(
                            torch::optim::AdamWOptions(1e-2).weight_decay(0.01).eps(1e-8)));
    groups.emplace_back(std::vector<torch::Tensor>{theirs.bias, theirs.unused},
                        std::make_unique<torch::optim::AdamWOptions>(
                            torch::optim::AdamWOptions(1e-2).weight_decay(0.0).eps(1e-8)));
    torch::optim::AdamW reference(std::move(groups), torch::optim::AdamWOptions(1e-2));
    for (int step = 0; step < 6; ++step) {
      const torch::Tensor x = torch::randn({64, 300});
      const double lr = 1e-2 * (1.0 - step / 10.0);  // a schedule, as the trainers set one
      fused.setLearningRate(lr);
      for (auto& group : reference.param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
      fused.zeroGrad();
      reference.zero_grad();
      lossOf(ours, x).backward();
      lossOf(theirs, x).backward();
      fused.step();
      reference.step();
      for (size_t i = 0; i < 3; ++i) {
        const double d = largestDifference(ours.all()[i].detach(), theirs.all()[i].detach());
        QVERIFY2(d < 1e-6,
                 qPrintable(QStringLiteral("step %1, parameter %2: %3").arg(step).arg(i).arg(d)));
      }
    }
    // Never given a gradient: skipped by both, not decayed, no moments.
    QVERIFY(!ours.unused.grad().defined());
    QVERIFY(torch::equal(ours.unused.detach(), theirs.unused.detach()));
    // The weights moved (the test compares a real update, not two copies left alone).
    QVERIFY(!torch::allclose(ours.matrix.detach(), Params().matrix));
  }

  // Clipping as torch::nn::utils::clip_grad_norm_ then torch's AdamW: the same norm, the same
  // parameters, whether the gradients are over the limit (scaled) or under it (left alone).
  void clipsAsTorch() {
    for (double limit : {0.01, 100.0}) {
      Params ours, theirs;
      theirs = ours.clone();
      requireGrad(ours);
      requireGrad(theirs);
      AdamW fused({{ours.all(), 0.01}}, 1e-2);
      torch::optim::AdamW reference(theirs.all(),
                                    torch::optim::AdamWOptions(1e-2).weight_decay(0.01).eps(1e-8));
      for (int step = 0; step < 3; ++step) {
        const torch::Tensor x = torch::randn({64, 300});
        fused.zeroGrad();
        reference.zero_grad();
        lossOf(ours, x).backward();
        lossOf(theirs, x).backward();
        const double norm = fused.clipGradNorm(limit);
        const double want = torch::nn::utils::clip_grad_norm_(theirs.all(), limit);
        QVERIFY2(std::abs(norm - want) <= 1e-6 * want,
                 qPrintable(QStringLiteral("%1 vs %2").arg(norm).arg(want)));
        fused.step();
        reference.step();
        QVERIFY2(largestDifference(ours.matrix.detach(), theirs.matrix.detach()) < 1e-6,
                 qPrintable(QStringLiteral("limit %1, step %2").arg(limit).arg(step)));
        QVERIFY(largestDifference(ours.bias.detach(), theirs.bias.detach()) < 1e-6);
      }
    }
  }

  // A NaN gradient makes the norm NaN and, as torch's clamp does, every parameter NaN: the next
  // loss then stops the run instead of a model that is partly updated and partly broken.
  void aNanGradientPoisonsAsTorch() {
    Params p;
    requireGrad(p);
    AdamW fused({{p.all(), 0.0}}, 1e-3);
    lossOf(p, torch::randn({4, 300})).backward();
    p.matrix.mutable_grad()[0][0] = NAN;
    QVERIFY(std::isnan(fused.clipGradNorm(1.0)));
    fused.step();
    QVERIFY(torch::isnan(p.bias.detach()).all().item<bool>());
    QVERIFY(torch::isnan(p.matrix.detach()).all().item<bool>());
  }

  void zeroGradZeroesInPlace() {
    Params p;
    requireGrad(p);
    AdamW fused({{p.all(), 0.0}}, 1e-3);
    lossOf(p, torch::randn({4, 300})).backward();
    const void* storage = p.matrix.grad().data_ptr();
    fused.zeroGrad();
    QVERIFY(p.matrix.grad().defined());
    QCOMPARE(p.matrix.grad().data_ptr(), storage);
    QCOMPARE(p.matrix.grad().abs().sum().item<double>(), 0.0);
  }
};

QTEST_APPLESS_MAIN(AdamWTest)
#include "test_adamw.moc"

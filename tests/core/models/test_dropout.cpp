// The engine's dropout: torch's semantics (rate, scale, eval is identity), a seeded mask.
#include <QtTest>
#include <cmath>

#include "models/Dropout.h"

using namespace twb;

class DropoutTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(2); }

  void dropsAtTheRateAndKeepsTheExpectation() {
    for (double p : {0.1, 0.5}) {
      for (auto dtype : {torch::kFloat32, torch::kBFloat16}) {
        Dropout dropout(p);
        dropout->train();
        const torch::Tensor x = torch::ones({64, 128, 64}, dtype);  // 524,288 elements
        const torch::Tensor y = dropout(x).to(torch::kFloat64);
        const double n = x.numel();
        const double dropped = (y == 0).sum().item<double>();
        // Binomial: within five standard deviations of n * p.
        QVERIFY2(std::abs(dropped - n * p) < 5 * std::sqrt(n * p * (1 - p)),
                 qPrintable(QStringLiteral("p %1: dropped %2 of %3").arg(p).arg(dropped).arg(n)));
        const double kept = y.masked_select(y != 0).mean().item<double>();
        QVERIFY(std::abs(kept - 1 / (1 - p)) < 1e-2 * (1 / (1 - p)));  // bf16 rounds the scale
        QVERIFY(std::abs(y.mean().item<double>() - 1) < 0.01);
        // Neighbouring elements are independent: pairs both dropped at about p squared.
        const torch::Tensor flat = (y.reshape({-1}) == 0).to(torch::kFloat64);
        const double both =
            (flat.slice(0, 0, -1) * flat.slice(0, 1)).sum().item<double>() / (n - 1);
        QVERIFY2(std::abs(both - p * p) < 5 * std::sqrt(p * p * (1 - p * p) / n),
                 qPrintable(QString::number(both)));
      }
    }
  }

  void theSeedFixesTheMaskAndEachCallDrawsAnew() {
    Dropout dropout(0.1);
    dropout->train();
    const torch::Tensor x = torch::ones({1000});
    torch::manual_seed(5);
    const torch::Tensor a = dropout(x), b = dropout(x);
    torch::manual_seed(5);
    QVERIFY(torch::equal(dropout(x), a));
    QVERIFY(!torch::equal(a, b));
  }

  void evaluationAndZeroRateAreTheIdentity() {
    Dropout dropout(0.3);
    dropout->eval();
    const torch::Tensor x = torch::randn({7, 9});
    QVERIFY(torch::equal(dropout(x), x));
    Dropout none(0.0);
    none->train();
    QVERIFY(torch::equal(none(x), x));
  }

  void gradientsFlowThroughTheKeptElementsOnly() {
    Dropout dropout(0.5);
    dropout->train();
    const torch::Tensor x = torch::ones({4000}, torch::requires_grad());
    const torch::Tensor y = dropout(x);
    y.sum().backward();
    QVERIFY(torch::equal(x.grad(), y.detach()));  // d(x * mask)/dx = mask
  }
};

QTEST_APPLESS_MAIN(DropoutTest)
#include "test_dropout.moc"

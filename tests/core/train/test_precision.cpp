// train.precision: auto follows the CPU's bf16 support, products run in bf16 only inside a scope.
#include <ATen/autocast_mode.h>

#include <QFile>
#include <QtTest>

#include "common/InputError.h"
#include "train/Precision.h"

using namespace twb;

class PrecisionTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void autoFollowsTheCpuFlags() {
    QFile info(QStringLiteral("/proc/cpuinfo"));
    QVERIFY(info.open(QIODevice::ReadOnly));
    const QByteArray text = info.readAll();
    const bool fast = text.contains(" amx_bf16") || text.contains(" avx512_bf16");
    QCOMPARE(cpuHasFastBf16(), fast);
    QCOMPARE(resolvePrecision(QStringLiteral("auto"), torch::kCPU),
             fast ? Precision::Bf16 : Precision::Fp32);
    QCOMPARE(resolvePrecision(QStringLiteral("fp32"), torch::kCPU), Precision::Fp32);
    QCOMPARE(resolvePrecision(QStringLiteral("bf16"), torch::kCPU), Precision::Bf16);
  }

  void anUnknownWordNamesTheKey() {
    try {
      resolvePrecision(QStringLiteral("fp16"), torch::kCPU);
      QFAIL("fp16 was accepted");
    } catch (const InputError& e) {
      QVERIFY2(e.message().contains(QStringLiteral("train.precision")) &&
                   e.message().contains(QStringLiteral("fp16")),
               e.what());
    }
  }

  void productsAreBf16OnlyInsideTheScope() {
    torch::nn::Linear linear(8, 4);
    const torch::Tensor x = torch::randn({2, 8});
    {
      PrecisionScope scope(Precision::Bf16);
      QCOMPARE(linear(x).scalar_type(), torch::kBFloat16);
      {
        PrecisionScope nested(Precision::Bf16);
        QCOMPARE(linear(x).scalar_type(), torch::kBFloat16);
      }
      QVERIFY(at::autocast::is_cpu_enabled());  // the inner scope restores, not disables
    }
    QVERIFY(!at::autocast::is_cpu_enabled());
    QCOMPARE(linear(x).scalar_type(), torch::kFloat32);
    PrecisionScope fp32(Precision::Fp32);
    QCOMPARE(linear(x).scalar_type(), torch::kFloat32);
  }

  // bf16 products run in oneDNN on torch's own pool: the mix must give that pool the threads,
  // and applying a mix must set it (bench_training --all-mixes measures which mix is fastest).
  void theMixGivesTheProductsTheirPool() {
    applyThreadMix(threadMix(Precision::Bf16, 2));
    QCOMPARE(torch::get_num_threads(), 2);
    applyThreadMix(threadMix(Precision::Fp32, 2));
    QCOMPARE(torch::get_num_threads(), threadMix(Precision::Fp32, 2).torchThreads);
    QCOMPARE(threadMix(Precision::Bf16, 0).torchThreads, 1);  // never a pool of none
  }
};

QTEST_APPLESS_MAIN(PrecisionTest)
#include "test_precision.moc"

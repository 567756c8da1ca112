// bench_training: training throughput of an encoder in one precision and thread mix, against
// the GEMM peaks it measures in the same run.
//   usage: bench_training [--size tiny|mini|small|base] [--arch bert|roberta|xlnet] [--len T]
//                         [--batch B] [--steps N] [--precision fp32|bf16] [--mix TORCH,BLAS]
//                         [--task classification|mlm] [--products onednn|blas]
//                         [--all-mixes] [--json]
//                         [--profile TRACE.json]
// Without --mix the engine's own mix for the precision (train/Precision.h: threadMix) is used;
// --all-mixes also times every mix of 1 and all cores, twice and interleaved, and says how far the
// engine's is from the best. Timings are the best of three windows after two warm-up steps.
#include <sys/resource.h>
#include <torch/csrc/autograd/profiler_legacy.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QThread>
#include <cstdio>

#include "experiment/Device.h"
#include "models/OneDnnProduct.h"
#include "models/Products.h"
#include "models/TaskModel.h"
#include "train/MaskedLM.h"
#include "train/Optimizer.h"
#include "train/Precision.h"

using namespace twb;

namespace {

QString option(const QStringList& args, const QString& name, const QString& fallback) {
  const int i = args.indexOf(name);
  return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

// The best of three timings of fn, in seconds.
template <class Fn>
double bestSeconds(Fn fn, int repeats) {
  fn();
  double best = 1e30;
  for (int window = 0; window < 3; ++window) {
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < repeats; ++i) fn();
    best = std::min(best, clock.nsecsElapsed() / 1e9 / repeats);
  }
  return best;
}

// Square matrix products per second in GFLOP/s, under the current thread mix, in the library
// the model's products use (models/Products.h).
double gemmGflops(torch::ScalarType type, int n) {
  const auto a = torch::randn({n, n}).to(type);
  const auto b = torch::randn({n, n}).to(type);
  const double s = bestSeconds([&] { (void)linearProduct(a, b); }, 5);
  return 2.0 * n * n * n / s / 1e9;
}

// Floating-point operations of one training step: forward matrix products (projections,
// feed-forward, attention scores and context) times three for forward and backward.
double stepFlops(const EncoderConfig& c, int batch, int len) {
  const double tokens = double(batch) * len;
  const double perTokenLayer = 2.0 * (4.0 * c.hidden * c.hidden + 2.0 * c.hidden * c.intermediate);
  const double attention = 2.0 * 2.0 * batch * double(len) * len * c.hidden;
  return 3.0 * c.layers * (tokens * perTokenLayer + attention);
}

struct Timing {
  ThreadMix mix;
  double secondsPerStep = 0;
};

Timing timeTraining(const EncoderConfig& config, Precision precision, const ThreadMix& mix,
                    int batch, int len, int steps, bool mlm, const QString& profile = {}) {
  applyThreadMix(mix);
  torch::manual_seed(1);
  TaskModel model(config, mlm ? HeadKind::MaskedLM : HeadKind::Classification, 2);
  auto optimizer = makeAdamW(*model, 1e-4, 0.01);
  const auto ids = torch::randint(5, config.vocabSize, {batch, len}, torch::kInt64);
  const auto mask = torch::ones({batch, len}, torch::kInt64);
  const auto types = torch::zeros({batch, len}, torch::kInt64);
  const auto labels = torch::randint(0, 2, {batch}, torch::kInt64);
  const StepSchedule schedule{1e-4, 0, 1000000, 1.0};
  long step = 0;
  // Masked LM: 15% of the positions predicted, as pretraining's recipe draws them.
  const auto predicted = torch::where(torch::rand({batch, len}) < 0.15, ids, -100);
  auto trainStep = [&] {
    torch::Tensor loss;
    if (mlm) {
      loss = maskedLmLoss(model, TensorBatch{ids, mask, types, {}}, predicted, precision);
    } else {
      loss = torch::nn::functional::cross_entropy(
          forwardIn(model, TensorBatch{ids, mask, types, {}}, precision), labels);
    }
    optimizerStep(*optimizer, loss, schedule, step++, "bench");
  };
  for (int i = 0; i < 2; ++i) trainStep();  // allocations and thread pools
  if (!profile.isEmpty()) {  // a Chrome trace (chrome://tracing) of steps after the warm-up
    torch::autograd::profiler::RecordProfile record(profile.toStdString());
    for (int i = 0; i < steps; ++i) trainStep();
  }
  return {mix, bestSeconds(trainStep, steps)};
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  ModelSpec spec;
  spec.arch = option(args, QStringLiteral("--arch"), QStringLiteral("bert"));
  spec.size = option(args, QStringLiteral("--size"), QStringLiteral("mini"));
  spec.dropout = 0.1;
  const int steps = option(args, QStringLiteral("--steps"), QStringLiteral("10")).toInt();
  const int len = option(args, QStringLiteral("--len"), QStringLiteral("128")).toInt();
  const int batch = option(args, QStringLiteral("--batch"), QStringLiteral("16")).toInt();
  const int vocab = 4000;
  const QString precisionName = option(args, QStringLiteral("--precision"), "fp32");
  if (precisionName != QLatin1String("fp32") && precisionName != QLatin1String("bf16")) {
    std::fprintf(stderr, "--precision: '%s' is not fp32 or bf16\n", qPrintable(precisionName));
    return 2;
  }
  const Precision precision =
      precisionName == QLatin1String("bf16") ? Precision::Bf16 : Precision::Fp32;
  const QString productsName = option(args, QStringLiteral("--products"), "onednn");
  if (productsName != QLatin1String("onednn") && productsName != QLatin1String("blas")) {
    std::fprintf(stderr, "--products: '%s' is not onednn or blas\n", qPrintable(productsName));
    return 2;
  }
  setFloatProducts(productsName == QLatin1String("blas") ? FloatProducts::Blas
                                                         : FloatProducts::OneDnn);
  const bool json = args.contains(QStringLiteral("--json"));
  const bool mlm = option(args, QStringLiteral("--task"), "classification") == QLatin1String("mlm");
  const EncoderConfig config = EncoderConfig::fromSpec(spec, vocab, 0);
  const int cores = std::max(1, QThread::idealThreadCount());
  // The engine's own CPU set-up (memory kept for reuse, thread mix), as a run gets it.
  (void)chooseDevice(QStringLiteral("cpu"), cores, precisionName);

  // The peaks: each product in the mix it runs fastest with.
  // The float32 peak is the faster library's: OpenBLAS on its pool, oneDNN on torch's.
  const FloatProducts products = floatProducts();
  setFloatProducts(FloatProducts::Blas);
  applyThreadMix(threadMix(Precision::Fp32, cores));
  const double blasPeak = gemmGflops(torch::kFloat32, 1024);
  setFloatProducts(FloatProducts::OneDnn);
  applyThreadMix(threadMix(Precision::Fp32, cores));
  const double oneDnnPeak = gemmGflops(torch::kFloat32, 1024);
  setFloatProducts(products);
  const double fp32Peak = std::max(blasPeak, oneDnnPeak);
  applyThreadMix(threadMix(Precision::Bf16, cores));
  const double bf16Peak = gemmGflops(torch::kBFloat16, 2048);

  const ThreadMix engineMix = threadMix(precision, cores);
  ThreadMix chosen = engineMix;
  const QStringList mixText = option(args, QStringLiteral("--mix"), QString()).split(',');
  if (mixText.size() == 2) chosen = {mixText[0].toInt(), mixText[1].toInt()};
  Timing timing = timeTraining(config, precision, chosen, batch, len, steps, mlm);
  const QString profile = option(args, QStringLiteral("--profile"), QString());
  if (!profile.isEmpty()) timeTraining(config, precision, chosen, batch, len, 3, mlm, profile);
  QJsonArray mixes;
  double bestMix = timing.secondsPerStep;
  if (args.contains(QStringLiteral("--all-mixes"))) {
    // Two rounds through every mix, interleaved, each mix keeping its best: a burst of load
    // from elsewhere on a shared machine then costs one timing, not one mix's verdict.
    std::vector<ThreadMix> all;
    for (int t : {1, cores})
      for (int b : {1, cores}) all.push_back({t, b});
    std::vector<double> best(all.size(), 1e30);
    for (int round = 0; round < 2; ++round)
      for (size_t i = 0; i < all.size(); ++i)
        best[i] = std::min(
            best[i],
            timeTraining(config, precision, all[i], batch, len, steps, mlm).secondsPerStep);
    for (size_t i = 0; i < all.size(); ++i) {
      bestMix = std::min(bestMix, best[i]);
      if (all[i].torchThreads == chosen.torchThreads && all[i].blasThreads == chosen.blasThreads)
        timing.secondsPerStep = std::min(timing.secondsPerStep, best[i]);
      mixes.append(QJsonObject{{"torch_threads", all[i].torchThreads},
                               {"blas_threads", all[i].blasThreads},
                               {"tokens_per_s", batch * len / best[i]}});
    }
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double flops = stepFlops(config, batch, len) / timing.secondsPerStep / 1e9;
  QJsonObject out{{"implementation", "engine"},
                  {"task", mlm ? "mlm" : "classification"},
                  {"arch", spec.arch},
                  {"size", spec.size},
                  {"precision", precisionName},
                  {"batch", batch},
                  {"len", len},
                  {"torch_threads", chosen.torchThreads},
                  {"blas_threads", chosen.blasThreads},
                  {"ms_per_step", timing.secondsPerStep * 1000},
                  {"tokens_per_s", batch * len / timing.secondsPerStep},
                  {"model_gflops", flops},
                  {"products", productsName},
                  {"fp32_gemm_peak_gflops", fp32Peak},
                  {"fp32_gemm_openblas_gflops", blasPeak},
                  {"fp32_gemm_onednn_gflops", oneDnnPeak},
                  {"bf16_gemm_peak_gflops", bf16Peak},
                  {"mfu_fp32_peak", flops / fp32Peak},
                  {"mfu_bf16_peak", flops / bf16Peak},
                  {"peak_rss_mb", usage.ru_maxrss / 1024.0},
                  {"cpu_fast_bf16", cpuHasFastBf16()}};
  if (!mixes.isEmpty()) {
    out.insert("mixes", mixes);
    out.insert("engine_mix_vs_best", bestMix / timing.secondsPerStep);
  }
  if (json) {
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
  }
  std::printf("%s %s (%d layers, d%d), %s, batch %d x %d tokens, torch %d + OpenBLAS %d threads\n",
              qPrintable(spec.arch), qPrintable(spec.size), config.layers, config.hidden,
              qPrintable(precisionName), batch, len, chosen.torchThreads, chosen.blasThreads);
  std::printf(
      "  %.1f ms/step, %.0f tokens/s, %.0f GFLOP/s (%.0f%% of fp32 GEMM %.0f, %.0f%% of "
      "bf16 GEMM %.0f), peak RSS %.0f MB\n",
      timing.secondsPerStep * 1000, batch * len / timing.secondsPerStep, flops,
      100 * flops / fp32Peak, fp32Peak, 100 * flops / bf16Peak, bf16Peak, usage.ru_maxrss / 1024.0);
  for (const auto& m : mixes) {
    const QJsonObject o = m.toObject();
    std::printf("  mix torch %d + OpenBLAS %d: %.0f tokens/s\n", o["torch_threads"].toInt(),
                o["blas_threads"].toInt(), o["tokens_per_s"].toDouble());
  }
  return 0;
}

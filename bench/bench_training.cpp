// bench_training: training throughput (tokens per second) of the encoders under thread mixes.
//   usage: bench_training [--size tiny|mini|small|base] [--arch bert|roberta|xlnet] [--steps N]
//                         [--len T] [--mix TORCH,BLAS]
// Prints one line per (torch threads, OpenBLAS threads) mix, best of three timed windows.
#include <dlfcn.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QThread>
#include <cstdio>

#include "models/TaskModel.h"
#include "train/Optimizer.h"

using namespace twb;

namespace {

void setBlasThreads(int n) {
  using SetThreads = void (*)(int);
  if (auto fn = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    fn(n);
}

QString option(const QStringList& args, const QString& name, const QString& fallback) {
  const int i = args.indexOf(name);
  return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

// Seconds per step over `steps` steps of masked-LM-sized classification training.
double secondsPerStep(TaskModel& model, int batch, int len, int vocab, int steps) {
  auto optimizer = makeAdamW(*model, 1e-4, 0.01);
  const auto ids = torch::randint(5, vocab, {batch, len}, torch::kInt64);
  const auto mask = torch::ones({batch, len}, torch::kInt64);
  const auto types = torch::zeros({batch, len}, torch::kInt64);
  const auto labels = torch::randint(0, 2, {batch}, torch::kInt64);
  auto step = [&] {
    auto loss = torch::nn::functional::cross_entropy(model->forward(ids, mask, types), labels);
    optimizer->zero_grad();
    loss.backward();
    optimizer->step();
  };
  for (int i = 0; i < 3; ++i) step();  // warm-up: allocations and thread pools
  double best = 1e30;
  for (int window = 0; window < 3; ++window) {
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < steps; ++i) step();
    best = std::min(best, clock.nsecsElapsed() / 1e9 / steps);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  ModelSpec spec;
  spec.arch = option(args, QStringLiteral("--arch"), QStringLiteral("bert"));
  spec.size = option(args, QStringLiteral("--size"), QStringLiteral("tiny"));
  spec.dropout = 0.1;
  const int steps = option(args, QStringLiteral("--steps"), QStringLiteral("10")).toInt();
  const int len = option(args, QStringLiteral("--len"), QStringLiteral("64")).toInt();
  const int batch = 32;
  const int vocab = 4000;
  const EncoderConfig config = EncoderConfig::fromSpec(spec, vocab, 0);
  const int cores = std::max(1, QThread::idealThreadCount());
  std::printf("%s %s (%d layers, d%d), batch %d x %d tokens, vocab %d, %d cores\n",
              qPrintable(spec.arch), qPrintable(spec.size), config.layers, config.hidden, batch,
              len, vocab, cores);
  std::printf("%-14s %-16s %12s %14s\n", "torch threads", "OpenBLAS threads", "ms/step",
              "tokens/s");
  // --mix T,B measures one mix only (base-size models: the slow mixes take many minutes).
  const QStringList mix = option(args, QStringLiteral("--mix"), QString()).split(QLatin1Char(','));
  for (int torchThreads : {1, cores})
    for (int blasThreads : {1, cores}) {
      if (mix.size() == 2 && (mix[0].toInt() != torchThreads || mix[1].toInt() != blasThreads))
        continue;
      torch::set_num_threads(torchThreads);
      setBlasThreads(blasThreads);
      torch::manual_seed(1);
      TaskModel model(config, HeadKind::Classification, 2);
      const double s = secondsPerStep(model, batch, len, vocab, steps);
      std::printf("%-14d %-16d %12.1f %14.0f\n", torchThreads, blasThreads, s * 1000,
                  batch * len / s);
      std::fflush(stdout);
    }
  return 0;
}

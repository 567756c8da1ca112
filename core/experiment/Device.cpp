#include "experiment/Device.h"

#include <malloc.h>

#include <QThread>

#include "common/InputError.h"
#include "train/Precision.h"

namespace twb {
namespace {

// glibc hands blocks over its mmap threshold (at most 32 MB, adapting) straight back to the
// kernel when freed, so a training step that frees and reallocates its activations page-faults
// them in again every step: measured on the demo's pretraining, a third of the step's time went
// to page faults (0.53 s per step against 0.17 s with these settings). Keep freed memory in the
// heap for reuse; the process's resident memory stays at its peak until it exits.
void keepFreedMemoryForReuse() {
  static const bool once = [] {
    // One arena: a thread's own arena (the window trains in a worker thread) maps blocks over
    // 64 MB whatever the threshold says; on a few cores one arena costs no contention.
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 256 << 20);
    return true;
  }();
  (void)once;
}

}  // namespace

DeviceChoice chooseDevice(const QString& name, int threads, const QString& precision) {
  if (name != QLatin1String("auto") && name != QLatin1String("cpu") &&
      name != QLatin1String("cuda"))
    throw InputError(QStringLiteral("--device: '%1' is not one of auto, cpu, cuda").arg(name));
  const bool cuda = torch::cuda::is_available();
  if (name == QLatin1String("cuda") && !cuda)
    throw InputError(
        QStringLiteral("--device cuda: LibTorch sees no CUDA device on this machine "
                       "(use auto or cpu)"));
  keepFreedMemoryForReuse();
  DeviceChoice choice;
  if (cuda && name != QLatin1String("cpu")) {
    choice.device = torch::Device(torch::kCUDA, 0);
    choice.description = QStringLiteral("cuda:0");
    return choice;
  }
  const int cores = qMax(1, QThread::idealThreadCount());
  if (threads > 4 * cores)
    throw InputError(QStringLiteral("--threads (or train.threads) %1: this machine has %2 cores; "
                                    "more threads than cores only slow training down")
                         .arg(threads)
                         .arg(cores));
  const int n = threads > 0 ? threads : cores;
  applyThreadMix(threadMix(resolvePrecision(precision, choice.device), n));
  choice.description = QStringLiteral("cpu (%1 thread%2)").arg(n).arg(n == 1 ? "" : "s");
  return choice;
}

}  // namespace twb

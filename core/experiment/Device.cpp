#include "experiment/Device.h"

#include <QThread>

#include "common/InputError.h"
#include "train/Precision.h"

namespace twb {

DeviceChoice chooseDevice(const QString& name, int threads, const QString& precision) {
  if (name != QLatin1String("auto") && name != QLatin1String("cpu") &&
      name != QLatin1String("cuda"))
    throw InputError(QStringLiteral("--device: '%1' is not one of auto, cpu, cuda").arg(name));
  const bool cuda = torch::cuda::is_available();
  if (name == QLatin1String("cuda") && !cuda)
    throw InputError(
        QStringLiteral("--device cuda: LibTorch sees no CUDA device on this machine "
                       "(use auto or cpu)"));
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

// Device: resolves `auto | cpu | cuda` and sets a thread mix where torch and OpenBLAS don't fight.
#pragma once

#include <QString>

#include "common/TorchApi.h"

namespace twb {

struct DeviceChoice {
  torch::Device device = torch::kCPU;
  QString description;  // "cpu (2 threads)" or "cuda: <name>"
};

// Throws InputError for an unknown name, RunError when cuda is asked for and absent.
// On CPU, `threads` (0: all cores) are shared between torch's pool and OpenBLAS's in the mix
// measured fastest for the run's precision (train.precision; train/Precision.h: threadMix).
DeviceChoice chooseDevice(const QString& name, int threads,
                          const QString& precision = QStringLiteral("fp32"));

}  // namespace twb

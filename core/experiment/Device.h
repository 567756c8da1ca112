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
// On CPU, torch's own pool gets one thread and OpenBLAS's gets `threads` (0: all cores):
// the mix measured fastest here (STACK.md, pitfall 3).
DeviceChoice chooseDevice(const QString& name, int threads);

}  // namespace twb

// Precision: float32 or bfloat16 autocast for a model's forward pass; weights stay float32.
#pragma once

#include <QString>

#include "common/TorchApi.h"

namespace twb {

enum class Precision { Fp32, Bf16 };

// "fp32" or "bf16", as the store and the log say it.
QString precisionName(Precision precision);

// True where this CPU multiplies bfloat16 in hardware (AMX or AVX512-BF16 in /proc/cpuinfo).
bool cpuHasFastBf16();

// train.precision resolved for a device: "auto" is bf16 on a CPU with AMX or AVX512-BF16, and
// fp32 elsewhere (Debian's LibTorch has no CUDA; a CUDA build would ask the device). Throws
// InputError for a word that is none of auto, bf16, fp32.
Precision resolvePrecision(const QString& setting, const torch::Device& device);

// Threads for torch's own pool (OpenMP: oneDNN's bf16 products, elementwise ops) and for
// OpenBLAS (float32 products), given the threads a run may use.
struct ThreadMix {
  int torchThreads = 1;
  int blasThreads = 1;
};
// The mix bench_training measured fastest (README, "Speed"): products run in oneDNN on torch's
// pool (bfloat16 always, float32 by default: models/OneDnnProduct.h), so torch gets every thread;
// float32 products in OpenBLAS (FloatProducts::Blas) get OpenBLAS's pool and torch one thread,
// as the two pools fight when both have several.
ThreadMix threadMix(Precision precision, int threads);
// Sets both pools' sizes (OpenBLAS's only where it is the BLAS loaded).
void applyThreadMix(const ThreadMix& mix);

// While alive, matrix products in this thread's forward passes run in bfloat16 (CPU autocast,
// with its float32 list for softmax, norms and losses); gradients reach float32 master weights,
// and the optimizer steps in float32. Fp32: does nothing.
class PrecisionScope {
 public:
  explicit PrecisionScope(Precision precision);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;

 private:
  bool active_ = false;
  bool wasEnabled_ = false;
  at::ScalarType wasType_ = at::kBFloat16;
};

}  // namespace twb

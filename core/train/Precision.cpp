#include "train/Precision.h"

#include <ATen/autocast_mode.h>
#include <dlfcn.h>

#include <QFile>

#include "common/InputError.h"
#include "models/OneDnnProduct.h"

namespace twb {

QString precisionName(Precision precision) {
  return precision == Precision::Bf16 ? QStringLiteral("bf16") : QStringLiteral("fp32");
}

bool cpuHasFastBf16() {
  static const bool fast = [] {
    QFile info(QStringLiteral("/proc/cpuinfo"));
    // /proc files have no size, so atEnd() is true at once: read it whole.
    if (!info.open(QIODevice::ReadOnly)) return false;
    for (const QByteArray& line : info.readAll().split('\n')) {
      if (!line.startsWith("flags")) continue;
      const QList<QByteArray> flags = line.simplified().split(' ');
      return flags.contains("amx_bf16") || flags.contains("avx512_bf16");
    }
    return false;
  }();
  return fast;
}

Precision resolvePrecision(const QString& setting, const torch::Device& device) {
  if (setting == QLatin1String("fp32")) return Precision::Fp32;
  if (setting == QLatin1String("bf16")) {
    if (!device.is_cpu())
      throw InputError(QStringLiteral(
          "train.precision: bf16 runs on the CPU here; this LibTorch has no GPU autocast"));
    return Precision::Bf16;
  }
  if (setting != QLatin1String("auto"))
    throw InputError(
        QStringLiteral("train.precision: '%1' is not one of auto, bf16, fp32").arg(setting));
  return device.is_cpu() && cpuHasFastBf16() ? Precision::Bf16 : Precision::Fp32;
}

ThreadMix threadMix(Precision precision, int threads) {
  const int n = std::max(1, threads);
  // Float32 products in OpenBLAS get its pool; everything else runs on torch's.
  const bool blasProducts = precision == Precision::Fp32 && floatProducts() == FloatProducts::Blas;
  return blasProducts ? ThreadMix{1, n} : ThreadMix{n, 1};
}

void applyThreadMix(const ThreadMix& mix) {
  torch::set_num_threads(mix.torchThreads);
  // OpenBLAS reads OPENBLAS_NUM_THREADS when it is loaded, before main(); its own call is the
  // only way to change it afterwards. Resolved at run time: the symbol exists only with OpenBLAS.
  using SetThreads = void (*)(int);
  if (auto fn = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    fn(mix.blasThreads);
}

PrecisionScope::PrecisionScope(Precision precision) {
  if (precision != Precision::Bf16) return;
  active_ = true;
  wasEnabled_ = at::autocast::is_cpu_enabled();
  wasType_ = at::autocast::get_autocast_cpu_dtype();
  at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  at::autocast::set_cpu_enabled(true);
}

PrecisionScope::~PrecisionScope() {
  if (!active_) return;
  at::autocast::set_cpu_enabled(wasEnabled_);
  at::autocast::set_autocast_cpu_dtype(wasType_);
  // The bf16 copies of the weights autocast cached belong to this step's weights only.
  if (!wasEnabled_) at::autocast::clear_cache();
}

}  // namespace twb

#include "models/OneDnnProduct.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>

#include <atomic>
#include <map>
#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>
#include <vector>

namespace twb {
namespace {

std::atomic<FloatProducts> chosen{FloatProducts::OneDnn};

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// A strided float32 layout oneDNN accepts: one of the last two dimensions dense and the other
// not overlapping it (a sliding window's rows do); else a contiguous copy.
torch::Tensor withDenseRowsOrColumns(const torch::Tensor& t) {
  const std::int64_t d = t.dim();
  const bool rows = t.stride(d - 1) == 1 && t.stride(d - 2) >= t.size(d - 1);
  const bool columns = t.stride(d - 2) == 1 && t.stride(d - 1) >= t.size(d - 2);
  return rows || columns ? t : t.contiguous();
}

dnnl::memory::desc describe(const torch::Tensor& t) {
  return dnnl::memory::desc(dnnl::memory::dims(t.sizes().begin(), t.sizes().end()),
                            dnnl::memory::data_type::f32,
                            dnnl::memory::dims(t.strides().begin(), t.strides().end()));
}

// A bias of out's last dimension, broadcast over the others.
dnnl::memory::desc biasLayout(const torch::Tensor& out) {
  dnnl::memory::dims dims(out.dim(), 1);
  dims.back() = out.size(-1);
  dnnl::memory::dims strides(out.dim(), out.size(-1));
  strides.back() = 1;
  return dnnl::memory::desc(dims, dnnl::memory::data_type::f32, strides);
}

// A primitive per operand layout, made once per thread: a training run meets a few dozen shapes
// (bucketing adds one per batch length). Bounded so that a long run of odd lengths cannot grow it.
dnnl::matmul& primitiveFor(const torch::Tensor& a, const torch::Tensor& b, bool withBias,
                           const torch::Tensor& out) {
  thread_local std::map<std::vector<std::int64_t>, dnnl::matmul> cache;
  // oneDNN fixes a primitive's thread count when it is made: a run with another thread count
  // (train.threads) gets its own.
  std::vector<std::int64_t> key{withBias ? 1 : 0, at::get_num_threads()};
  for (const torch::Tensor* t : {&a, &b, &out}) {
    key.insert(key.end(), t->sizes().begin(), t->sizes().end());
    key.insert(key.end(), t->strides().begin(), t->strides().end());
  }
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  if (cache.size() >= 512) cache.clear();
  const dnnl::memory::desc biasDesc = withBias ? biasLayout(out) : dnnl::memory::desc();
  const dnnl::matmul::desc desc(describe(a), describe(b), biasDesc, describe(out));
  return cache.emplace(key, dnnl::matmul(dnnl::matmul::primitive_desc(desc, cpuEngine())))
      .first->second;
}

}  // namespace

void setFloatProducts(FloatProducts products) { chosen = products; }

FloatProducts floatProducts() { return chosen; }

bool oneDnnTakes(const torch::Tensor& a, const torch::Tensor& b) {
  return chosen == FloatProducts::OneDnn && a.device().is_cpu() && b.device().is_cpu() &&
         a.scalar_type() == torch::kFloat32 && b.scalar_type() == torch::kFloat32 &&
         !at::autocast::is_cpu_enabled();
}

torch::Tensor oneDnnMatmul(const torch::Tensor& aIn, const torch::Tensor& bIn,
                           const torch::Tensor& bias, c10::IntArrayRef shape) {
  TORCH_CHECK((aIn.dim() == 2 || aIn.dim() == 3) && bIn.dim() == aIn.dim(),
              "oneDnnMatmul: operands must both be 2-D or both 3-D");
  const bool batched = aIn.dim() == 3;
  TORCH_CHECK(aIn.size(-1) == bIn.size(-2) && (!batched || aIn.size(0) == bIn.size(0)),
              "oneDnnMatmul: shapes do not multiply");
  std::vector<std::int64_t> outSizes{aIn.size(-2), bIn.size(-1)};
  if (batched) outSizes.insert(outSizes.begin(), aIn.size(0));
  TORCH_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == bIn.size(-1)),
              "oneDnnMatmul: the bias must hold one value per output column");
  // oneDNN has nothing to do for an empty operand: torch's own path gives zeros (plus bias).
  if (aIn.numel() == 0 || bIn.numel() == 0) {
    torch::Tensor out = torch::matmul(aIn, bIn);
    out = bias.defined() ? out + bias : out;
    return shape.empty() ? out : out.reshape(shape).clone();
  }
  const torch::Tensor a = withDenseRowsOrColumns(aIn);
  const torch::Tensor b = withDenseRowsOrColumns(bIn);
  const torch::Tensor biasDense = bias.defined() ? bias.contiguous() : bias;
  const torch::Tensor result =
      torch::empty(shape.empty() ? c10::IntArrayRef(outSizes) : shape, aIn.options());
  torch::Tensor out = result.view(outSizes);
  dnnl::matmul& product = primitiveFor(a, b, bias.defined(), out);
  dnnl::engine& engine = cpuEngine();
  thread_local dnnl::stream stream(engine);
  std::unordered_map<int, dnnl::memory> args{
      {DNNL_ARG_SRC, dnnl::memory(describe(a), engine, a.data_ptr<float>())},
      {DNNL_ARG_WEIGHTS, dnnl::memory(describe(b), engine, b.data_ptr<float>())},
      {DNNL_ARG_DST, dnnl::memory(describe(out), engine, out.data_ptr<float>())}};
  if (biasDense.defined())
    args.emplace(DNNL_ARG_BIAS, dnnl::memory(biasLayout(out), engine, biasDense.data_ptr<float>()));
  product.execute(stream, args);
  stream.wait();
  return result;
}

}  // namespace twb

#include "models/Products.h"

#include "models/OneDnnProduct.h"

namespace twb {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

// A backward pass's product: oneDNN's, or torch's where the gradient must itself be
// differentiable (a backward with create_graph runs with grad mode on).
torch::Tensor product(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::GradMode::is_enabled() ? torch::matmul(a, b) : oneDnnMatmul(a, b);
}

// The product and its three gradients, each one oneDNN product (the bias's a sum): the same
// arithmetic as torch's linear backward, on torch's thread pool.
class LinearFunction : public torch::autograd::Function<LinearFunction> {
 public:
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& weight, const torch::Tensor& bias) {
    const torch::Tensor rows = x.reshape({-1, x.size(-1)});
    ctx->save_for_backward({rows, weight});
    ctx->saved_data["shape"] = x.sizes();
    std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(0);
    return oneDnnMatmul(rows, weight.t(), bias, shape);
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list outputGrads) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor& rows = saved[0];
    const torch::Tensor& weight = saved[1];
    const torch::Tensor grad = outputGrads[0].reshape({-1, weight.size(0)});
    torch::Tensor gradX, gradWeight, gradBias;
    if (ctx->needs_input_grad(0))
      gradX = product(grad, weight).view(ctx->saved_data["shape"].toIntVector());
    if (ctx->needs_input_grad(1)) gradWeight = product(grad.t(), rows);
    if (ctx->needs_input_grad(2)) gradBias = grad.sum(0);
    return {gradX, gradWeight, gradBias};
  }
};

// Equal-rank products over leading dimensions flattened into one: C = A B, dA = dC Bt,
// dB = At dC.
class BatchedFunction : public torch::autograd::Function<BatchedFunction> {
 public:
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& a,
                               const torch::Tensor& b) {
    const torch::Tensor a3 = asBatch(a), b3 = asBatch(b);
    ctx->save_for_backward({a3, b3});
    std::vector<std::int64_t> shape(a.sizes().begin(), a.sizes().end());
    shape.back() = b.size(-1);
    ctx->saved_data["a"] = a.sizes();
    ctx->saved_data["b"] = b.sizes();
    return oneDnnMatmul(a3, b3, {}, shape);
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list outputGrads) {
    const auto saved = ctx->get_saved_variables();
    const torch::Tensor grad = asBatch(outputGrads[0]);
    torch::Tensor gradA, gradB;
    if (ctx->needs_input_grad(0))
      gradA = product(grad, saved[1].transpose(1, 2)).view(ctx->saved_data["a"].toIntVector());
    if (ctx->needs_input_grad(1))
      gradB = product(saved[0].transpose(1, 2), grad).view(ctx->saved_data["b"].toIntVector());
    return {gradA, gradB};
  }

 private:
  // [..., M, K] as [S, M, K]: a view where the leading dimensions merge, else a copy.
  static torch::Tensor asBatch(const torch::Tensor& t) {
    return t.reshape({-1, t.size(-2), t.size(-1)});
  }
};

}  // namespace

torch::Tensor batchedProduct(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.dim() < 3 || a.dim() != b.dim() ||
      a.sizes().slice(0, a.dim() - 2) != b.sizes().slice(0, b.dim() - 2) || a.numel() == 0 ||
      b.numel() == 0 || !oneDnnTakes(a, b))
    return torch::matmul(a, b);
  return BatchedFunction::apply(a, b);
}

torch::Tensor linearProduct(const torch::Tensor& x, const torch::Tensor& weight,
                            const torch::Tensor& bias) {
  // torch's own path for what oneDNN is not given: empty operands, and a bias that is not one
  // value per output (torch broadcasts it, or says what is wrong).
  if (x.dim() == 0 || weight.dim() != 2 || x.numel() == 0 || weight.numel() == 0 ||
      !oneDnnTakes(x, weight) ||
      (bias.defined() && (bias.scalar_type() != torch::kFloat32 || bias.dim() != 1 ||
                          bias.size(0) != weight.size(0))))
    return torch::linear(x, weight, bias);
  // An undefined tensor cannot be a custom function's input in LibTorch 1.13: no bias is a zero
  // one that needs no gradient (oneDNN adds it in the product's own pass).
  return LinearFunction::apply(x, weight,
                               bias.defined() ? bias : torch::zeros({weight.size(0)}, x.options()));
}

}  // namespace twb

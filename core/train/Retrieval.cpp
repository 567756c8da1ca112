#include "train/Retrieval.h"

#include <numeric>

namespace twb {
namespace {

torch::Tensor embed(TaskModel& model, const std::vector<EncodedExample>& items,
                    const BatchMaker& batches, int batchSize) {
  std::vector<torch::Tensor> parts;
  for (size_t start = 0; start < items.size(); start += batchSize) {
    std::vector<size_t> rows(std::min(items.size(), start + batchSize) - start);
    std::iota(rows.begin(), rows.end(), start);
    const TensorBatch b = batches.make(items, rows);
    parts.push_back(model->forward(b.ids, b.mask, b.types).to(torch::kCPU));
  }
  return torch::nn::functional::normalize(torch::cat(parts),
                                          torch::nn::functional::NormalizeFuncOptions().dim(1));
}

// Share of rows whose largest entry sits on the diagonal.
double diagonalAccuracy(const torch::Tensor& similarity) {
  const auto best = similarity.argmax(1);
  const auto expected = torch::arange(similarity.size(0), best.options());
  return best.eq(expected).to(torch::kFloat64).mean().item<double>();
}

}  // namespace

RetrievalScores evaluateRetrieval(TaskModel& model, const std::vector<EncodedExample>& pivot,
                                  const std::vector<EncodedExample>& target,
                                  const BatchMaker& batches, int batchSize) {
  torch::NoGradGuard noGrad;
  model->eval();
  const torch::Tensor a = embed(model, pivot, batches, batchSize);
  const torch::Tensor b = embed(model, target, batches, batchSize);
  const torch::Tensor similarity = a.matmul(b.t());
  return {diagonalAccuracy(similarity), diagonalAccuracy(similarity.t())};
}

}  // namespace twb

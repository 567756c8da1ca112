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

// Each row's best column.
std::vector<int> bestOfRows(const torch::Tensor& similarity) {
  const auto best = similarity.argmax(1).to(torch::kInt32).contiguous();
  return {best.data_ptr<int>(), best.data_ptr<int>() + best.numel()};
}

// Share of rows whose best column is the row's own index.
double diagonalAccuracy(const std::vector<int>& best) {
  if (best.empty()) return 0;
  size_t right = 0;
  for (size_t i = 0; i < best.size(); ++i) right += best[i] == static_cast<int>(i);
  return double(right) / best.size();
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
  RetrievalScores scores;
  scores.pivotToTargetBest = bestOfRows(similarity);
  scores.targetToPivotBest = bestOfRows(similarity.t());
  scores.pivotToTarget = diagonalAccuracy(scores.pivotToTargetBest);
  scores.targetToPivot = diagonalAccuracy(scores.targetToPivotBest);
  return scores;
}

}  // namespace twb

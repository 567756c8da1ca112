// Retrieval: Tatoeba-style translation retrieval with an encoder's mean-pooled embeddings.
#pragma once

#include "models/TaskModel.h"
#include "train/TrainingData.h"

namespace twb {

struct RetrievalScores {
  double pivotToTarget = 0;  // for each English item, is its translation the nearest?
  double targetToPivot = 0;  // and the other way round
  // The item each query retrieved (the right one is the query's own index).
  std::vector<int> pivotToTargetBest;
  std::vector<int> targetToPivotBest;
  double mean() const { return (pivotToTarget + targetToPivot) / 2; }
};

// Item i of pivot and item i of target are translations. model must be a HeadKind::Embedding
// model; similarity is the cosine of the embeddings; accuracy@1 in both directions.
RetrievalScores evaluateRetrieval(TaskModel& model, const std::vector<EncodedExample>& pivot,
                                  const std::vector<EncodedExample>& target,
                                  const BatchMaker& batches, int batchSize);

}  // namespace twb

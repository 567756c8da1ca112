// TargetScores: a target's test evaluation after training, and the results and per-example
// predictions it stores for the run; a retrieval target's scores.
#pragma once

#include "experiment/EncodedTask.h"
#include "models/TaskModel.h"
#include "store/RunStore.h"
#include "train/Trainer.h"

namespace twb {

// Scores model on the target's test part (and a zero-shot target's English test part) and
// stores test metrics, predictions, the best dev score and the steps trained for runId.
void storeTargetScores(RunStore& store, qint64 runId, TaskModel& model, const EncodedTask& data,
                       int seed, const BatchMaker& batches, int batchSize,
                       const FitOutcome& fitted);

// Evaluates the encoder's embeddings on a retrieval target (nothing is trained) and stores the
// scores both ways and the items each query retrieved.
void storeRetrievalScores(RunStore& store, qint64 runId, TaskModel& embedder,
                          const EncodedTask& data, const BatchMaker& batches, int batchSize);

}  // namespace twb

#include "experiment/StageOptions.h"

namespace twb {

TrainerOptions trainerOptions(const ExperimentSpec& spec, int epochs, int seed) {
  TrainerOptions o;
  o.lr = spec.train.lr;
  o.batchSize = spec.train.batchSize;
  o.epochs = epochs;
  o.maxSteps = spec.train.maxSteps;
  o.warmup = spec.train.warmup;
  o.weightDecay = spec.train.weightDecay;
  o.clipNorm = spec.train.clipNorm;
  o.evalEvery = spec.train.evalEvery;
  o.patience = spec.train.earlyStopping;
  o.seed = static_cast<uint64_t>(seed);
  o.bucketing = spec.train.bucketing;
  return o;
}

PretrainOptions pretrainOptions(const ExperimentSpec& spec, int seed) {
  PretrainOptions o;
  o.steps = spec.pretrain.steps;
  o.batchSize = pretrainBatchSize(spec);
  o.lr = spec.pretrain.lr;
  o.clipNorm = spec.train.clipNorm;
  o.seed = static_cast<uint64_t>(seed);
  return o;
}

}  // namespace twb

// Schedule: learning-rate multipliers as pure functions of the step.
#pragma once

namespace twb {

// Linear warm-up from 0 to 1 over warmupSteps, then linear decay to 0 at totalSteps.
inline double linearWarmupDecay(long step, long warmupSteps, long totalSteps) {
  if (totalSteps <= 0) return 1.0;
  if (step < warmupSteps) return static_cast<double>(step + 1) / warmupSteps;
  const long rest = totalSteps - warmupSteps;
  if (rest <= 0) return 1.0;
  const double left = static_cast<double>(totalSteps - step) / rest;
  return left < 0 ? 0.0 : left;
}

}  // namespace twb

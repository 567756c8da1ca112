// Splitter: a deterministic seeded train/dev/test split (the same seed gives the same split).
#pragma once

#include "config/ExperimentSpec.h"
#include "data/Example.h"

namespace twb {

// Shuffles with the seed (a generator whose sequence is fixed across platforms), stratified by
// label for classification, then cuts by protocol's fractions. Identical examples (the same
// text, ignoring outer whitespace, and the same pair) always land in the same part, so a
// repeated text cannot be trained on and then tested. Throws InputError naming the dataset when
// any of the three parts would be empty (a target too small for its split).
Split splitDataset(const Dataset& data, const ProtocolSpec& protocol, int seed);

}  // namespace twb

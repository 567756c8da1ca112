// DatasetReader: reads a user's TSV, CSV or JSONL file with named columns into a Dataset.
#pragma once

#include "config/ExperimentSpec.h"
#include "data/Example.h"

namespace twb {

// task: "classification" / "sentiment" (labels) or "similarity" (scores) or "text" (raw text
// only, for pretraining). Throws InputError naming the file and line for: a missing file, a
// missing column (listing the columns there are), invalid UTF-8, a label outside ref.labels,
// a score that is not a number, an empty dataset.
Dataset readDataset(const DatasetRef& ref, const QString& task);

}  // namespace twb

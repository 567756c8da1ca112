// DatasetReader: reads a user's TSV, CSV or JSONL file with named columns into a Dataset.
#pragma once

#include <QPair>
#include <QVector>

#include "config/ExperimentSpec.h"
#include "data/Example.h"

namespace twb {

// task: "classification" / "sentiment" (labels) or "similarity" (scores) or "text" (raw text
// only, for pretraining). Throws InputError naming the file and line for: a missing file, a
// missing column (listing the columns there are), invalid UTF-8, a label outside ref.labels,
// a score that is not a number, an empty dataset; and, for labels and scores, a dataset nothing
// can be learnt from: fewer than 3 rows, one class, a label of its own on every row, one
// constant score.
// Learnable: also refuse a dataset nothing can be learnt from (above); None: only read it, as
// the catalog does for its own converted files.
enum class DatasetCheck { Learnable, None };
Dataset readDataset(const DatasetRef& ref, const QString& task,
                    DatasetCheck check = DatasetCheck::Learnable);

// Reads a user's parallel file, one column per language (e.g. `en` and `de`), as aligned
// (English, translation) pairs in file order. A row whose cell is empty or absent in either
// column is skipped: that item lacks one of the languages. Throws InputError naming the file
// for a missing column (listing the columns there are) and when no row has both texts.
QVector<QPair<QString, QString>> readAlignedPairs(const DatasetRef& ref,
                                                  const QString& englishColumn,
                                                  const QString& translationColumn);

}  // namespace twb

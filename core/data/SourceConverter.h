// SourceConverter: turns a file of a fetched package into labelled texts, following its recipe.
#pragma once

#include <QString>
#include <QVector>

#include "data/CatalogRecipes.h"

namespace twb {

struct LabelledText {
  QString text;
  QString label;  // a name from the entry's labels
};

// A converted source: each text once, so no text can sit in both the train and the test part.
struct ConvertedSource {
  QVector<LabelledText> rows;  // in file order
  int duplicatesDropped = 0;   // rows dropped as repeats of a text, conflicts included
  int conflictsDropped = 0;    // rows dropped because the copies of their text disagree
};

// Reads packageRoot/recipe.file and drops repeated texts (compared without outer whitespace):
// the first copy is kept, or none when the copies disagree on the label. Throws RunError when
// the file is missing or not as expected (a changed package): the user's input is not at fault.
ConvertedSource convertSource(const ConversionRecipe& recipe, const QString& packageRoot);

}  // namespace twb

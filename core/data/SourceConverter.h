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

// Reads packageRoot/recipe.file. Throws RunError when the file is missing or not as expected
// (a changed package): the user's input is not at fault.
QVector<LabelledText> convertSource(const ConversionRecipe& recipe, const QString& packageRoot);

}  // namespace twb

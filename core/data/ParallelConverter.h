// ParallelConverter: turns a fetched package into a parallel corpus, following its recipe.
#pragma once

#include <QString>
#include <QStringList>

#include "data/CatalogRecipes.h"
#include "data/ParallelCorpus.h"

namespace twb {

// Reads packageRoot/recipe.file with the recipe's reader (UDHR, CLDR names, gettext), then drops
// repeated texts within each language. notes receives what the reader left out and why. Throws
// RunError when the package is not as expected.
ParallelCorpus convertParallelSource(const ConversionRecipe& recipe, const QString& packageRoot,
                                     const QString& id, QStringList* notes = nullptr);

}  // namespace twb

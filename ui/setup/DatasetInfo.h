// DatasetInfo: what the setup form says about one dataset: size, labels, licence, on disk or not.
#pragma once

#include <QString>

#include "config/ExperimentSpec.h"

namespace twb {

class Catalog;

// Rich text for a label: for a catalog id its title, examples (counts per label once fetched),
// labels, language, licence and origin; for a user's file its path, format and columns.
QString datasetInfoHtml(const DatasetRef& dataset, const Catalog& catalog);

}  // namespace twb

// CatalogIds: the ids of the datasets in the catalog, so a YAML file can be checked without
// the data layer (which depends on config). test_catalog keeps it equal to Catalog::entries().
#pragma once

#include <QStringList>

namespace twb {

QStringList catalogDatasetIds();

}  // namespace twb

// PackageFetcher: downloads a package with `apt-get download` or `npm pack` and extracts it.
#pragma once

#include <QString>

#include "data/Catalog.h"
#include "data/CatalogRecipes.h"

namespace twb {

struct FetchedPackage {
  QString root;     // folder holding the extracted files
  QString archive;  // file name of what was downloaded, e.g. "python3-pattern_2.6-4_all.deb"
};

// Downloads into workDir (the tools' working folder) and extracts into workDir/root. Throws
// RunError naming the command and its error output when a step fails.
FetchedPackage fetchPackage(const PackageSource& package, const QString& workDir,
                            const FetchProgress& progress);

}  // namespace twb

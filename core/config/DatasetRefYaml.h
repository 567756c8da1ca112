// DatasetRefYaml: reads a dataset reference (a catalog id or a {path, columns} map) from YAML.
#pragma once

#include "config/ExperimentSpec.h"
#include "config/YamlFields.h"

namespace twb::yaml {

// what names the reference in messages ("targets[1].dataset"). Catalog ids must exist; file
// paths are made absolute against context.folder; the format comes from the suffix if not given.
DatasetRef readDatasetRef(const Context& context, const YAML::Node& node,
                          const YAML::Mark& fallback, const QString& what);

}  // namespace twb::yaml

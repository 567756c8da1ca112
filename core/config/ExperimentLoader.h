// ExperimentLoader: reads an experiment YAML into an ExperimentSpec, or says exactly what is wrong.
#pragma once

#include <QString>

#include "config/ExperimentSpec.h"

namespace twb {

// Reads and validates the YAML file. Throws InputError with file:line:col for malformed YAML
// (and what was expected), an unknown key (naming the nearest valid one), a wrong type or value.
// Relative dataset paths are resolved against the YAML file's folder. Does not read datasets.
ExperimentSpec loadExperiment(const QString& path);
// The same from text; sourcePath names the file in errors and anchors relative paths.
ExperimentSpec parseExperiment(const QString& yamlText, const QString& sourcePath);

}  // namespace twb

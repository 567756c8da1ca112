// ExperimentWriter: an ExperimentSpec back to the experiment YAML that the loader reads.
#pragma once

#include <QString>
#include <QStringList>

#include "config/ExperimentSpec.h"

namespace twb {

// Writes every field the loader reads (fields equal to their defaults are left out), small maps
// in flow style as in the README. A file dataset under yamlDir is written relative to it; any
// other path stays absolute. parseExperiment(experimentToYaml(spec, dir), dir + "/x.yaml") gives
// spec back field by field (sourcePath and yamlText aside). An empty yamlDir: absolute paths.
QString experimentToYaml(const ExperimentSpec& spec, const QString& yamlDir);

// The fields in which a and b differ, as "key: a-value != b-value" lines keyed by their YAML
// path ("targets[2].dataset.label"); empty when equal. sourcePath and yamlText are not compared.
QStringList experimentDifferences(const ExperimentSpec& a, const ExperimentSpec& b);

// The shortest text QString::toDouble reads back as exactly value: "0.0001", "0.7", "1e-05".
QString shortestNumber(double value);

}  // namespace twb

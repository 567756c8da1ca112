#include "config/ExperimentSpec.h"

#include <QFileInfo>

namespace twb {

QString DatasetRef::name() const { return isFile() ? QFileInfo(path).completeBaseName() : id; }

QString TargetSpec::name() const {
  const QString base = dataset.name();
  if (!domain.isEmpty()) return base + QLatin1Char('/') + domain;
  if (!dataset.language.isEmpty() && !base.endsWith(dataset.language))
    return base + QLatin1Char('/') + dataset.language;
  return base;
}

}  // namespace twb

#include "config/ExperimentSpec.h"

#include <QFileInfo>

namespace twb {

QString DatasetRef::name() const { return isFile() ? QFileInfo(path).completeBaseName() : id; }

QString TargetSpec::name() const {
  const QString base = dataset.name();
  return domain.isEmpty() ? base : base + QLatin1Char('/') + domain;
}

}  // namespace twb

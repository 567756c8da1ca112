// ExperimentLookup: resolving `twb report NAME` and `twb models export NAME`.
#include "ExperimentLookup.h"

#include <algorithm>

#include "common/InputError.h"

namespace twb::cli {

qint64 resolveExperiment(const RunStore& store, const QString& which) {
  bool isNumber = false;
  const qint64 id = which.toLongLong(&isNumber);
  if (isNumber && store.experiment(id)) return id;
  qint64 newest = 0;
  for (const ExperimentRecord& e : store.experiments())
    if (e.name == which) newest = std::max(newest, e.id);
  if (newest == 0)
    throw InputError(
        QStringLiteral("no experiment '%1' in %2 (see twb runs)").arg(which, store.path()));
  return newest;
}

}  // namespace twb::cli

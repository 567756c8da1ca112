#include "plots/StoredCurves.h"

#include <QObject>
#include <algorithm>

#include "common/Vocabulary.h"
#include "plots/CurveStore.h"
#include "store/RunStore.h"

namespace twb {

void addStoredRuns(const RunStore& store, const QList<qint64>& runIds, CurveStore* curves) {
  for (qint64 runId : runIds) {
    const auto run = store.run(runId);
    if (!run) continue;
    const QString origin = QObject::tr("run %1").arg(runId);
    const QVector<StageRecord> stages = store.stagesOfRun(runId);
    for (qsizetype i = 0; i < stages.size(); ++i) {
      const StageRecord& stage = stages[i];
      // A stage its dead process left and a resume ran again: only the new curve is drawn.
      const auto redone = [&](const StageRecord& later) {
        return later.name == stage.name && later.runId == stage.runId && later.seed == stage.seed;
      };
      if (vocab::is(stage.status, vocab::RunStatus::Interrupted) &&
          std::any_of(stages.begin() + i + 1, stages.end(), redone))
        continue;
      const StageInfo where{stage.name, stage.runId ? run->arm : QString(),
                            stage.runId ? run->target : QString(), stage.seed, stage.id};
      curves->addStored(where, store.points(stage.id), origin);
    }
  }
}

}  // namespace twb

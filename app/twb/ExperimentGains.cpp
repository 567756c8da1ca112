#include "ExperimentGains.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "GainTable.h"
#include "experiment/ContaminationRecords.h"
#include "experiment/StoredGains.h"
#include "store/ResolvedSettings.h"

namespace twb::cli {

void printExperimentGains(QTextStream& out, const RunStore& store, qint64 experimentId, bool json,
                          double effect) {
  const auto experiment = store.experiment(experimentId);
  const QVector<TargetGain> gains = gainsFromStore(store, experimentId);
  const QStringList contamination = contaminationLines(store, experimentId);
  if (json) {
    const QJsonObject root{
        {QStringLiteral("experiment"), experiment ? experiment->name : QString()},
        {QStringLiteral("experiment_id"), experimentId},
        {QStringLiteral("status"), experiment ? experiment->status : QString()},
        {QStringLiteral("resolved"), resolvedSettingsJson(resolvedSettings(store, experimentId))},
        {QStringLiteral("results"), gainsJson(gains, effect)},
        {QStringLiteral("contamination"), QJsonArray::fromStringList(contamination)}};
    out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    return;
  }
  out << (experiment ? experiment->name : QString()) << " (experiment " << experimentId << ", "
      << (experiment ? experiment->status : QString()) << ")\n";
  if (gains.isEmpty()) {
    out << "  (no target has a stored test score yet)\n";
    return;
  }
  printGainTable(out, gains, effect);
  if (contamination.isEmpty()) return;
  out << "\ncontamination (test texts found in what the runs trained on; dropped unless "
         "protocol.decontaminate: false):\n";
  for (const QString& line : contamination) out << "  " << line << '\n';
}

}  // namespace twb::cli

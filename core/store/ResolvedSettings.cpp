#include "store/ResolvedSettings.h"

#include <QJsonDocument>

#include "store/RunStore.h"

namespace twb {
namespace {

const QString kPrecision = QStringLiteral("precision");
const QString kBucketing = QStringLiteral("bucketing");
const QString kCpuFastBf16 = QStringLiteral("cpu_fast_bf16");

}  // namespace

ResolvedSettings resolvedSettings(const ExperimentRecord& experiment) {
  ResolvedSettings settings;
  const QJsonObject stored = QJsonDocument::fromJson(experiment.resolved.toUtf8()).object();
  if (stored.isEmpty()) return settings;
  settings.recorded = stored.value(QStringLiteral("recorded")).toBool(true);
  settings.precision = stored.value(kPrecision).toString(settings.precision);
  settings.bucketing = stored.value(kBucketing).toBool(false);
  if (stored.contains(kCpuFastBf16)) settings.cpuFastBf16 = stored.value(kCpuFastBf16).toBool();
  return settings;
}

ResolvedSettings resolvedSettings(const RunStore& store, qint64 experimentId) {
  const std::optional<ExperimentRecord> experiment = store.experiment(experimentId);
  return experiment ? resolvedSettings(*experiment) : ResolvedSettings();
}

QJsonObject resolvedSettingsJson(const ResolvedSettings& settings) {
  QJsonObject o{{kPrecision, settings.precision}, {kBucketing, settings.bucketing}};
  if (settings.cpuFastBf16) o[kCpuFastBf16] = *settings.cpuFastBf16;
  if (!settings.recorded) o[QStringLiteral("recorded")] = false;
  return o;
}

QString describeResolvedSettings(const ResolvedSettings& settings) {
  if (!settings.recorded)
    return QStringLiteral(
        "precision and bucketing not recorded (stored before version 4: fp32, no bucketing)");
  return QStringLiteral("precision %1, bucketing %2")
      .arg(settings.precision, settings.bucketing ? QStringLiteral("on") : QStringLiteral("off"));
}

}  // namespace twb

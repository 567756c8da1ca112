// ResolvedSettings: what an experiment's machine-dependent training settings resolved to.
#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

#include "store/Records.h"

namespace twb {

// train.precision and train.bucketing as the machine that started the experiment resolved them,
// kept in ExperimentRecord::resolved. An experiment stored before they were recorded (store
// version 4) ran in fp32 without bucketing: that is what it reads as, with recorded false.
struct ResolvedSettings {
  QString precision = QStringLiteral("fp32");  // fp32 | bf16
  bool bucketing = false;
  bool recorded = false;
  std::optional<bool> cpuFastBf16;  // whether that CPU had AMX or AVX512-BF16, when known
};

class RunStore;

ResolvedSettings resolvedSettings(const ExperimentRecord& experiment);
// The stored experiment's; an unknown id reads as not recorded.
ResolvedSettings resolvedSettings(const RunStore& store, qint64 experimentId);

// The JSON the store keeps ({"precision": "bf16", "bucketing": true, "cpu_fast_bf16": true}),
// with "recorded": false added for an experiment stored before they were recorded.
QJsonObject resolvedSettingsJson(const ResolvedSettings& settings);

// In the words twb runs and the window use: "precision bf16, bucketing on", or "precision and
// bucketing not recorded (stored before version 4: fp32, no bucketing)".
QString describeResolvedSettings(const ResolvedSettings& settings);

}  // namespace twb

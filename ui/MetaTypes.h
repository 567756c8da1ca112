// MetaTypes: the engine's torch-free records declared to Qt, so they can cross threads in signals.
#pragma once

#include <QMetaType>

#include "common/TaskState.h"
#include "experiment/Engine.h"

namespace twb {

// A metric point with where it came from, as the live plots need it.
struct LivePoint {
  StageInfo where;
  MetricPoint point;
};

}  // namespace twb

Q_DECLARE_METATYPE(twb::StageInfo)
Q_DECLARE_METATYPE(twb::Progress)
Q_DECLARE_METATYPE(twb::LivePoint)
Q_DECLARE_METATYPE(twb::ExperimentOutcome)
Q_DECLARE_METATYPE(twb::ExperimentSpec)
Q_DECLARE_METATYPE(twb::RunOptions)

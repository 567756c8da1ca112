// MetricPoint: one value of one metric series at one step of one stage, as trainers report it.
#pragma once

#include <QString>

namespace twb {

struct MetricPoint {
  qint64 stageId = 0;
  qint64 step = 0;
  double epoch = 0;     // fractional epoch
  double wallTime = 0;  // seconds since the stage started
  QString name;         // "train_loss", "dev_loss", "dev_accuracy", ...
  double value = 0;     // NaN is kept (stored as NULL)
};

}  // namespace twb

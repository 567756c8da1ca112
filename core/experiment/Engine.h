// Engine: the torch-free facade that runs an experiment; what the CLI and the GUI call.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include "common/TaskState.h"
#include "config/ExperimentSpec.h"
#include "experiment/Gains.h"

namespace twb {

struct RunOptions {
  QString dbPath;                           // empty: RunStore::defaultPath()
  QString dataDir;                          // empty: the catalog's default
  QString device = QStringLiteral("auto");  // auto | cpu | cuda
  int threads = 0;                          // 0: the spec's train.threads, else all cores
  qint64 resumeExperimentId = 0;  // > 0: continue this stored experiment's unfinished runs
};

struct ExperimentOutcome {
  qint64 experimentId = 0;
  QString status;  // finished | interrupted | failed
  QString error;
  QString device;  // what ran: "cpu (2 threads)" or the GPU's name
  QVector<TargetGain> gains;
  QStringList warnings;
};

// What the engine knows before it trains: the datasets and splits, checked. Throws InputError
// (nothing stored) when an input is wrong; fetches catalog datasets that are not cached yet.
struct ExperimentPlan;

class Engine {
 public:
  // Validates every input, then trains both arms for every target and seed, storing every
  // point, run and result. Returns normally when stopped (status "interrupted") or when a
  // stage fails (status "failed", error set); throws InputError for bad input before anything
  // is stored, and StoreLocked when the store stayed locked by another program (what was
  // stored is kept; the experiment is resumable).
  static ExperimentOutcome run(const ExperimentSpec& spec, const RunOptions& options,
                               TaskState& state);
  // "cpu (N threads)" or "cuda: <name>": what `auto` resolves to on this machine.
  static QString describeDevice(const QString& device, int threads);
  static QString torchVersion();
};

}  // namespace twb

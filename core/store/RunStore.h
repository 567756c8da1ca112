// RunStore: experiments, runs, stages, metric points and results in one SQLite file (WAL).
#pragma once

#include <QString>
#include <QVector>
#include <memory>
#include <optional>

#include "common/InputError.h"
#include "store/Records.h"
#include "store/ResolvedSettings.h"

namespace twb {

// A write gave up: another connection held the store's write lock past the write wait.
class StoreLocked : public RunError {
 public:
  using RunError::RunError;
};

// Each RunStore owns its own database connection, so the training worker and the UI each
// open their own. Every write commits at once (points in one transaction per call), so a
// cancelled or crashed run loses no point that was stored. A write that finds the file locked
// by another connection is retried with back-off for writeWait (2 minutes by default), then
// throws StoreLocked: it never returns without having written ($TWB_STORE_WAIT sets the wait
// in seconds). Errors throw RunError.
// A RunStore is used from the thread that created it (a Qt SQL connection is per thread).
class RunStore {
 public:
  // Opens (creating and migrating as needed) the database at path, creating its folder.
  // Throws InputError, changing nothing on disk, when path is not a regular file, is another
  // program's SQLite file (see StoreFile.h) or has a schema newer than this code knows; throws
  // RunError when it cannot be opened.
  explicit RunStore(const QString& path);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  // $TWB_DB when set, else runs.sqlite in the one data folder (common/DataFolders.h).
  static QString defaultPath();
  QString path() const;
  int schemaVersion() const;
  static int latestSchemaVersion();  // the version this code creates and migrates to
  // The store's own random id, made when it was created: what its checkpoints are tied to.
  QString storeId() const;
  // Where an experiment's stage checkpoints live: beside the store file, under the store's id,
  // so two stores in one folder never share (or overwrite) each other's weights.
  QString checkpointFolder(qint64 experimentId) const;
  // How long a write waits for a lock another connection holds before it throws.
  void setWriteWait(int milliseconds);

  // Writes. Status changes stamp started (first "running") and finished (finished, failed,
  // cancelled). Unknown ids throw RunError.
  // Status "running", owned by this process (see OwnerProcess), which keeps its heartbeat.
  qint64 addExperiment(const QString& name, const QString& yamlText);
  // Records what the experiment's machine-dependent settings resolved to (ExperimentRecord::
  // resolved, as JSON), once, when it starts.
  void setExperimentResolved(qint64 experimentId, const ResolvedSettings& settings);
  // Takes a stored experiment over to resume it: status "running", owned by this process;
  // the stages and runs its dead owner left "running" become "interrupted". Throws InputError
  // when its owner still runs it.
  void resumeExperiment(qint64 experimentId);
  void setExperimentStatus(qint64 experimentId, const QString& status);
  qint64 addRun(qint64 experimentId, const QString& arm, const QString& target,
                int seed);  // status "pending"
  void setRunStatus(qint64 runId, const QString& status, const QString& error = QString());
  // runId 0: a stage shared by the runs of its seed. Status "pending".
  qint64 addStage(qint64 experimentId, qint64 runId, int seed, const QString& name);
  void setStageStatus(qint64 stageId, const QString& status);
  void addPoints(const QVector<MetricPoint>& points);  // one transaction
  void addResult(const ResultRecord& result);  // replaces the run's value of (split, metric)
  // One transaction; replaces what the run had stored for those (part, index).
  void addPredictions(const QVector<PredictionRecord>& predictions);

  // Reads.
  QVector<ExperimentRecord> experiments() const;
  std::optional<ExperimentRecord> experiment(qint64 id) const;
  QVector<RunRecord> runs(qint64 experimentId = 0) const;  // 0: all
  std::optional<RunRecord> run(qint64 id) const;
  QVector<StageRecord> stages(qint64 experimentId) const;
  // The stages a run went through: its own, and the shared ones of its seed (for the
  // baseline arm, without the shared "intermediate" stage, which only transfer uses).
  QVector<StageRecord> stagesOfRun(qint64 runId) const;
  // Every point of a stage, grouped by series name, each series by step.
  QVector<MetricPoint> points(qint64 stageId) const;
  // The points of a stage added after *cursor (0 at first) in the order they were added;
  // advances *cursor. For a reader polling a stage that is being written.
  QVector<MetricPoint> pointsAfter(qint64 stageId, qint64* cursor) const;
  qint64 pointCount(qint64 stageId) const;
  QVector<SeriesSummary> seriesSummaries(qint64 stageId) const;  // by name
  QVector<ResultRecord> results(qint64 experimentId) const;      // 0: all
  QVector<ResultRecord> resultsOfRun(qint64 runId) const;
  // Per-example predictions by run, part and index; experimentId 0: all.
  QVector<PredictionRecord> predictions(qint64 experimentId) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace twb

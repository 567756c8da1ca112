// RunsModel: a table model of every run in a RunStore, re-read on demand while runs are live.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>
#include <memory>
#include <optional>

#include "runs/RunRow.h"
#include "runs/RunTags.h"
#include "store/Records.h"

namespace twb {

class RunStore;

// One row per run, in run id order. The model opens its own RunStore on the database path
// (never the training worker's: SQLite WAL lets both read and write at once). reload() re-reads
// only what can have changed (finished runs are kept), updates rows in place and appends new
// ones, so views keep their selection; only a run that disappeared causes a model reset.
// The tag column is editable; tags persist in QSettings (see RunTags).
class RunsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column : int {
    ExperimentColumn,  // "name (#id)"
    RunColumn,
    ArmColumn,
    TargetColumn,
    SeedColumn,
    StatusColumn,
    SettingsColumn,  // what the experiment's precision and bucketing resolved to
    TagColumn,
    TestPrimaryColumn,  // test accuracy, or pearson for similarity targets
    TestMacroF1Column,
    TrainLossBestColumn,  // min of train_loss
    TrainLossLastColumn,
    DevBestColumn,  // max of the dev score (dev_accuracy / dev_pearson)
    DevLastColumn,
    StepsColumn,
    StartedColumn,
    DurationColumn,
    ErrorColumn,
    ColumnCount
  };
  enum Role : int {
    RunIdRole = Qt::UserRole + 1,  // qint64
    ExperimentIdRole,              // qint64
    SortRole,  // numbers for numeric columns (invalid when missing), lower-case text otherwise
  };

  // Opens the store and loads it. When the store cannot be opened, the model is empty and
  // lastError() says why; reload() tries again.
  explicit RunsModel(const QString& databasePath, QObject* parent = nullptr);
  ~RunsModel() override;

  QString databasePath() const { return path_; }
  QString lastError() const { return lastError_; }  // empty after a successful reload
  static bool isTextColumn(int column);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  const RunRow& runRow(int row) const { return rows_.at(row); }
  int rowOfRun(qint64 runId) const;  // -1 when unknown
  QString tagOf(qint64 runId) const { return tags_.value(runId); }
  bool setTag(qint64 runId, const QString& tag);
  // The experiment as of the last reload, with its YAML text.
  std::optional<ExperimentRecord> experiment(qint64 experimentId) const;
  bool hasLiveRuns() const;

 public Q_SLOTS:
  void reload();

 Q_SIGNALS:
  void reloaded();

 private:
  QVariant displayData(const RunRow& row, int column) const;
  QVariant sortData(const RunRow& row, int column) const;
  QVariant toolTipData(const RunRow& row, int column) const;
  void applyRows(QVector<RunRow> fresh);

  QString path_;
  QString lastError_;
  std::unique_ptr<RunStore> store_;
  RunTags tagStore_;
  QHash<qint64, QString> tags_;
  QHash<qint64, ExperimentRecord> experiments_;
  QHash<qint64, QString> settings_;  // per experiment: describeResolvedSettings
  QVector<RunRow> rows_;
  QHash<qint64, int> rowOfRun_;
};

}  // namespace twb

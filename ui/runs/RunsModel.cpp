#include "runs/RunsModel.h"

#include <QColor>
#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "common/Vocabulary.h"
#include "store/ResolvedSettings.h"
#include "store/RunStore.h"

namespace twb {
namespace {

QString number(double value, int decimals = 4) {
  return std::isnan(value) ? QString() : QString::number(value, 'f', decimals);
}

QVariant sortNumber(double value) { return std::isnan(value) ? QVariant() : QVariant(value); }

// Seconds from start to finish, or to now while the run is live; -1 when not started.
qint64 durationSeconds(const RunRecord& run) {
  if (!run.started.isValid()) return -1;
  QDateTime end = run.finished;
  if (!end.isValid() && isLiveStatus(run.status)) end = QDateTime::currentDateTimeUtc();
  return end.isValid() ? std::max<qint64>(0, run.started.secsTo(end)) : -1;
}

QString durationText(qint64 seconds) {
  if (seconds < 0) return QString();
  if (seconds < 60) return QStringLiteral("%1s").arg(seconds);
  if (seconds < 3600)
    return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1h %2m")
      .arg(seconds / 3600)
      .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString experimentText(const RunRow& row) {
  return QStringLiteral("%1 (#%2)").arg(row.experimentName).arg(row.run.experimentId);
}

QString primaryLabel(const RunRow& row) {
  return row.primaryMetric.isEmpty() ? QStringLiteral("score") : row.primaryMetric;
}

QColor statusColor(const std::optional<vocab::RunStatus>& status) {
  switch (status.value_or(vocab::RunStatus::Pending)) {
    case vocab::RunStatus::Finished:
      return QColor(0x2c, 0xa0, 0x2c);
    case vocab::RunStatus::Running:
      return QColor(0x1f, 0x77, 0xb4);
    case vocab::RunStatus::Failed:
      return QColor(0xd6, 0x27, 0x28);
    case vocab::RunStatus::Interrupted:  // resumable (older stores wrote cancelled)
      return QColor(0xff, 0x7f, 0x0e);
    case vocab::RunStatus::Pending:  // and an unknown status
      break;
  }
  return QColor(0x88, 0x88, 0x88);
}

}  // namespace

RunsModel::RunsModel(const QString& databasePath, QObject* parent)
    : QAbstractTableModel(parent), path_(databasePath), tagStore_(databasePath) {
  reload();
}

RunsModel::~RunsModel() = default;

bool RunsModel::isTextColumn(int column) {
  switch (column) {
    case ExperimentColumn:
    case ArmColumn:
    case TargetColumn:
    case StatusColumn:
    case TagColumn:
    case SettingsColumn:
    case ErrorColumn:
      return true;
    default:
      return false;
  }
}

void RunsModel::reload() {
  QVector<RunRow> fresh;
  QHash<qint64, ExperimentRecord> experiments;
  try {
    if (!store_) store_ = std::make_unique<RunStore>(path_);
    for (const ExperimentRecord& e : store_->experiments()) experiments.insert(e.id, e);
    QHash<qint64, RunRow> previous;
    for (const RunRow& row : rows_) previous.insert(row.run.id, row);
    fresh = readRunRows(*store_, experiments, previous);
  } catch (const std::exception& e) {
    // A busy or missing database: keep showing what was read last time.
    lastError_ = QString::fromUtf8(e.what());
    return;
  }
  lastError_.clear();
  experiments_ = std::move(experiments);
  QHash<qint64, QString> settings;  // recorded when an experiment starts
  for (const ExperimentRecord& e : std::as_const(experiments_))
    settings.insert(e.id, describeResolvedSettings(resolvedSettings(e)));
  const bool settingsChanged = settings != settings_;
  settings_ = std::move(settings);
  if (settingsChanged && !rows_.isEmpty())
    Q_EMIT dataChanged(index(0, SettingsColumn), index(int(rows_.size()) - 1, SettingsColumn));
  const QHash<qint64, QString> oldTags = tags_;
  tags_ = tagStore_.all();
  for (int i = 0; i < rows_.size(); ++i) {
    const qint64 id = rows_[i].run.id;
    if (oldTags.value(id) != tags_.value(id))
      Q_EMIT dataChanged(index(i, TagColumn), index(i, TagColumn));
  }
  applyRows(std::move(fresh));
  Q_EMIT reloaded();
}

void RunsModel::applyRows(QVector<RunRow> fresh) {
  bool extendsOld = fresh.size() >= rows_.size();
  for (int i = 0; extendsOld && i < rows_.size(); ++i)
    extendsOld = rows_[i].run.id == fresh[i].run.id;
  if (!extendsOld) {
    beginResetModel();
    rows_ = std::move(fresh);
    rowOfRun_.clear();
    for (int i = 0; i < rows_.size(); ++i) rowOfRun_.insert(rows_[i].run.id, i);
    endResetModel();
    return;
  }
  const int old = static_cast<int>(rows_.size());
  for (int i = 0; i < old; ++i) {
    if (rows_[i] != fresh[i]) {
      rows_[i] = fresh[i];
      Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    } else if (isLiveStatus(rows_[i].run.status) && rows_[i].run.started.isValid()) {
      Q_EMIT dataChanged(index(i, DurationColumn), index(i, DurationColumn));  // the clock runs
    }
  }
  if (fresh.size() > old) {
    beginInsertRows(QModelIndex(), old, static_cast<int>(fresh.size()) - 1);
    for (int i = old; i < fresh.size(); ++i) {
      rowOfRun_.insert(fresh[i].run.id, i);
      rows_.append(fresh[i]);
    }
    endInsertRows();
  }
}

int RunsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

int RunsModel::rowOfRun(qint64 runId) const { return rowOfRun_.value(runId, -1); }

std::optional<ExperimentRecord> RunsModel::experiment(qint64 experimentId) const {
  const auto it = experiments_.constFind(experimentId);
  if (it == experiments_.constEnd()) return std::nullopt;
  return *it;
}

bool RunsModel::hasLiveRuns() const {
  for (const RunRow& row : rows_)
    if (isLiveStatus(row.run.status)) return true;
  return false;
}

bool RunsModel::setTag(qint64 runId, const QString& tag) {
  const int row = rowOfRun(runId);
  if (row < 0) return false;
  tagStore_.setTag(runId, tag);
  const QString trimmed = tag.trimmed();
  if (trimmed.isEmpty())
    tags_.remove(runId);
  else
    tags_.insert(runId, trimmed);
  Q_EMIT dataChanged(index(row, TagColumn), index(row, TagColumn));
  return true;
}

QVariant RunsModel::displayData(const RunRow& row, int column) const {
  const RunRecord& run = row.run;
  switch (column) {
    case ExperimentColumn:
      return experimentText(row);
    case RunColumn:
      return run.id;
    case ArmColumn:
      return run.arm;
    case TargetColumn:
      return run.target;
    case SeedColumn:
      return run.seed;
    case StatusColumn:
      return run.status;
    case TagColumn:
      return tags_.value(run.id);
    case TestPrimaryColumn:
      return number(row.testPrimary);
    case TestMacroF1Column:
      return number(row.testMacroF1);
    case TrainLossBestColumn:
      return number(row.trainLossBest);
    case TrainLossLastColumn:
      return number(row.trainLossLast);
    case DevBestColumn:
      return number(row.devBest);
    case DevLastColumn:
      return number(row.devLast);
    case StepsColumn:
      return row.steps < 0 ? QVariant(QString()) : QVariant(row.steps);
    case StartedColumn:
      return run.started.isValid()
                 ? run.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                 : QString();
    case DurationColumn:
      return durationText(durationSeconds(run));
    case SettingsColumn:
      return settings_.value(run.experimentId);
    case ErrorColumn:
      return run.error.section(QLatin1Char('\n'), 0, 0);
    default:
      return QVariant();
  }
}

QVariant RunsModel::sortData(const RunRow& row, int column) const {
  const RunRecord& run = row.run;
  switch (column) {
    case ExperimentColumn:
      return run.experimentId;
    case RunColumn:
      return run.id;
    case SeedColumn:
      return run.seed;
    case TestPrimaryColumn:
      return sortNumber(row.testPrimary);
    case TestMacroF1Column:
      return sortNumber(row.testMacroF1);
    case TrainLossBestColumn:
      return sortNumber(row.trainLossBest);
    case TrainLossLastColumn:
      return sortNumber(row.trainLossLast);
    case DevBestColumn:
      return sortNumber(row.devBest);
    case DevLastColumn:
      return sortNumber(row.devLast);
    case StepsColumn:
      return row.steps < 0 ? QVariant() : QVariant(row.steps);
    case StartedColumn:
      return run.started.isValid() ? QVariant(run.started.toMSecsSinceEpoch()) : QVariant();
    case DurationColumn: {
      const qint64 seconds = durationSeconds(run);
      return seconds < 0 ? QVariant() : QVariant(seconds);
    }
    default:
      return displayData(row, column).toString().toLower();
  }
}

QVariant RunsModel::toolTipData(const RunRow& row, int column) const {
  switch (column) {
    case ExperimentColumn: {
      const auto e = experiment(row.run.experimentId);
      return e ? QStringLiteral("%1\ncreated %2, %3\n%4")
                     .arg(experimentText(row),
                          e->created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                          e->status, settings_.value(e->id))
               : experimentText(row);
    }
    case SettingsColumn:
      return settings_.value(row.run.experimentId);
    case StatusColumn:
    case ErrorColumn:
      return row.run.error.isEmpty() ? QVariant() : QVariant(row.run.error);
    case TestPrimaryColumn:
      return QStringLiteral("test %1").arg(primaryLabel(row));
    case DevBestColumn:
    case DevLastColumn:
      return row.devMetric.isEmpty() ? QVariant() : QVariant(row.devMetric);
    default:
      return QVariant();
  }
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return QVariant();
  const RunRow& row = rows_.at(index.row());
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      return displayData(row, column);
    case Qt::EditRole:
      return column == TagColumn ? QVariant(tags_.value(row.run.id)) : displayData(row, column);
    case SortRole:
      return sortData(row, column);
    case RunIdRole:
      return row.run.id;
    case ExperimentIdRole:
      return row.run.experimentId;
    case Qt::ToolTipRole:
      return toolTipData(row, column);
    case Qt::DecorationRole:
      return column == StatusColumn
                 ? QVariant(statusColor(vocab::parse<vocab::RunStatus>(row.run.status)))
                 : QVariant();
    case Qt::ForegroundRole:
      if ((column == StatusColumn && vocab::is(row.run.status, vocab::RunStatus::Failed)) ||
          column == ErrorColumn)
        return statusColor(vocab::RunStatus::Failed);
      return QVariant();
    case Qt::TextAlignmentRole:
      return isTextColumn(column) || column == StartedColumn
                 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                 : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
      return QVariant();
  }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal)
    return QAbstractTableModel::headerData(section, orientation, role);
  static const char* const kTitles[ColumnCount] = {QT_TR_NOOP("Experiment"),
                                                   QT_TR_NOOP("Run"),
                                                   QT_TR_NOOP("Arm"),
                                                   QT_TR_NOOP("Target"),
                                                   QT_TR_NOOP("Seed"),
                                                   QT_TR_NOOP("Status"),
                                                   QT_TR_NOOP("Precision, bucketing"),
                                                   QT_TR_NOOP("Tag"),
                                                   QT_TR_NOOP("Test acc / r"),
                                                   QT_TR_NOOP("Test macro F1"),
                                                   QT_TR_NOOP("Train loss min"),
                                                   QT_TR_NOOP("Train loss last"),
                                                   QT_TR_NOOP("Dev best"),
                                                   QT_TR_NOOP("Dev last"),
                                                   QT_TR_NOOP("Steps"),
                                                   QT_TR_NOOP("Started"),
                                                   QT_TR_NOOP("Duration"),
                                                   QT_TR_NOOP("Error")};
  static const char* const kTips[ColumnCount] = {
      QT_TR_NOOP("Experiment name and id"),
      QT_TR_NOOP("Run id"),
      QT_TR_NOOP("baseline: pretrained -> target; transfer: pretrained -> intermediate -> target"),
      QT_TR_NOOP("Target task"),
      QT_TR_NOOP("Seed"),
      QT_TR_NOOP("Run status"),
      QT_TR_NOOP("What train.precision and train.bucketing resolved to on the machine that "
                 "started the experiment (its runs all train with them, resumed ones too)"),
      QT_TR_NOOP("Your tag (double-click to edit; kept in the settings, per database)"),
      QT_TR_NOOP("Test accuracy, or Pearson r for similarity targets"),
      QT_TR_NOOP("Test macro-averaged F1 (classification)"),
      QT_TR_NOOP("Lowest train loss of the target stage"),
      QT_TR_NOOP("Last train loss of the target stage"),
      QT_TR_NOOP("Best dev score of the target stage (accuracy or Pearson r)"),
      QT_TR_NOOP("Last dev score of the target stage"),
      QT_TR_NOOP("Training steps of the target stage"),
      QT_TR_NOOP("When the run started (local time)"),
      QT_TR_NOOP("Time from start to finish, or so far"),
      QT_TR_NOOP("Why the run failed")};
  if (section < 0 || section >= ColumnCount) return QVariant();
  if (role == Qt::DisplayRole) return tr(kTitles[section]);
  if (role == Qt::ToolTipRole) return tr(kTips[section]);
  return QVariant();
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (index.isValid() && index.column() == TagColumn) f |= Qt::ItemIsEditable;
  return f;
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole || index.column() != TagColumn ||
      index.row() >= rows_.size())
    return false;
  return setTag(rows_.at(index.row()).run.id, value.toString());
}

}  // namespace twb

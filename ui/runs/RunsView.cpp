#include "runs/RunsView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "runs/ConfigDiffDialog.h"
#include "runs/RunsFilterProxy.h"
#include "runs/RunsModel.h"
#include "store/ResolvedSettings.h"

namespace twb {
namespace {

constexpr int kDefaultLiveReloadMs = 2000;
// With nothing live, reload every this many ticks anyway, to notice runs started elsewhere
// (the headless twb writing to the same database, say).
constexpr int kIdleTicksPerReload = 5;

QList<qint64> sortedUnique(QList<qint64> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

RunsView::RunsView(const QString& databasePath, QWidget* parent) : QWidget(parent) {
  model_ = new RunsModel(databasePath, this);
  proxy_ = new RunsFilterProxy(this);
  proxy_->setSourceModel(model_);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(
      tr("Filter runs: experiment, arm, target, status, tag, precision, error"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, proxy_, &RunsFilterProxy::setFilterText);

  compare_ = new QPushButton(tr("Compare &configs"), this);
  compare_->setToolTip(tr("Show the YAML of the selected runs' two experiments side by side"));
  compare_->setEnabled(false);
  connect(compare_, &QPushButton::clicked, this, &RunsView::compareConfigs);

  table_ = new QTableView(this);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunsModel::RunColumn, Qt::DescendingOrder);  // newest first
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::SelectedClicked);
  table_->setAlternatingRowColors(true);
  table_->setWordWrap(false);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->horizontalHeader()->setSectionsMovable(true);
  table_->resizeColumnsToContents();
  // An experiment from before the settings were recorded says so at length: keep the scores in
  // view, as wide as a recorded setting, eliding in the middle so that "fp32, no bucketing)"
  // stays readable (the tool tip has it all).
  ResolvedSettings widest;
  widest.precision = QStringLiteral("bf16");
  widest.recorded = true;  // "precision bf16, bucketing off"
  const int settingsWidth =
      table_->fontMetrics().horizontalAdvance(describeResolvedSettings(widest)) +
      table_->fontMetrics().averageCharWidth() * 3;
  table_->setTextElideMode(Qt::ElideMiddle);
  if (table_->columnWidth(RunsModel::SettingsColumn) > settingsWidth)
    table_->setColumnWidth(RunsModel::SettingsColumn, settingsWidth);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &RunsView::onSelectionChanged);

  // A reset loses the view's selection: hold it by run id and put it back.
  connect(model_, &QAbstractItemModel::modelAboutToBeReset, this,
          [this] { heldSelection_ = selectedRunIds(); });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    selectRuns(heldSelection_);
    heldSelection_.clear();
    onSelectionChanged();  // a reset clears the selection without a signal
  });

  auto* top = new QHBoxLayout;
  top->addWidget(filter_, 1);
  top->addWidget(compare_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(table_);

  connect(&liveTimer_, &QTimer::timeout, this, &RunsView::onLiveTick);
  setLiveReloadInterval(kDefaultLiveReloadMs);
}

void RunsView::setLiveReloadInterval(int milliseconds) {
  if (milliseconds <= 0) {
    liveTimer_.stop();
    return;
  }
  liveTimer_.start(milliseconds);
}

void RunsView::onLiveTick() {
  if (!model_->hasLiveRuns() && ++idleTicks_ < kIdleTicksPerReload) return;
  idleTicks_ = 0;
  reload();
}

void RunsView::reload() { model_->reload(); }

QList<qint64> RunsView::selectedRunIds() const {
  QList<qint64> ids;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows())
    ids << index.data(RunsModel::RunIdRole).toLongLong();
  return sortedUnique(ids);
}

QList<qint64> RunsView::selectedExperimentIds() const {
  QList<qint64> ids;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows())
    ids << index.data(RunsModel::ExperimentIdRole).toLongLong();
  return sortedUnique(ids);
}

void RunsView::selectRuns(const QList<qint64>& runIds) {
  QItemSelection selection;
  for (qint64 id : runIds) {
    const int sourceRow = model_->rowOfRun(id);
    if (sourceRow < 0) continue;
    const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow, 0));
    if (index.isValid()) selection.select(index, index);
  }
  table_->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RunsView::onSelectionChanged() {
  compare_->setEnabled(selectedExperimentIds().size() == 2);
  const QList<qint64> ids = selectedRunIds();
  if (ids == lastEmitted_) return;
  lastEmitted_ = ids;
  Q_EMIT selectionChanged(ids);
}

ConfigDiffDialog* RunsView::compareConfigs() {
  const QList<qint64> experiments = selectedExperimentIds();
  if (experiments.size() != 2) return nullptr;
  const auto left = model_->experiment(experiments[0]);
  const auto right = model_->experiment(experiments[1]);
  if (!left || !right) return nullptr;
  // Two machines may resolve the same YAML (precision: auto) differently: say how each ran.
  auto title = [](const ExperimentRecord& e) {
    return QStringLiteral("%1 (#%2; %3)")
        .arg(e.name)
        .arg(e.id)
        .arg(describeResolvedSettings(resolvedSettings(e)));
  };
  auto* dialog =
      new ConfigDiffDialog(title(*left), left->yamlText, title(*right), right->yamlText, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

}  // namespace twb

#include "setup/DatasetChecklist.h"

#include <QHeaderView>
#include <QKeyEvent>

#include "data/Catalog.h"

namespace twb {
namespace {

// The row's spec, kept beside the columns that show parts of it.
class Row : public QTreeWidgetItem {
 public:
  explicit Row(const TargetSpec& target) : QTreeWidgetItem(UserType), target(target) {}
  TargetSpec target;
};

Row* asRow(QTreeWidgetItem* item) { return item ? static_cast<Row*>(item) : nullptr; }
const Row* asRow(const QTreeWidgetItem* item) {
  return item ? static_cast<const Row*>(item) : nullptr;
}

}  // namespace

TargetSpec catalogTarget(const QString& id) {
  TargetSpec target;
  target.dataset.id = id;
  if (const std::optional<CatalogEntry> entry = Catalog::find(id)) {
    if (entry->task == QLatin1String("sentiment") || entry->task == QLatin1String("similarity"))
      target.task = entry->task;
    target.domain = entry->domain;
  }
  return target;
}

DatasetChecklist::DatasetChecklist(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(4);
  setHeaderLabels({tr("Dataset"), tr("Domain"), tr("Task"), tr("On disk")});
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAllColumnsShowFocus(true);
  setSelectionMode(QAbstractItemView::SingleSelection);
  header()->setStretchLastSection(false);
  header()->setSectionResizeMode(kName, QHeaderView::Stretch);
  for (int column : {kDomain, kTask, kOnDisk})
    header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
    if (!updating_ && column == kName) Q_EMIT edited();
  });
  connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (const Row* row = asRow(item)) Q_EMIT currentChanged(row->target.dataset);
  });
}

void DatasetChecklist::keyPressEvent(QKeyEvent* event) {
  QTreeWidgetItem* item = currentItem();
  if (item && (event->key() == Qt::Key_Space || event->key() == Qt::Key_Select) &&
      event->modifiers() == Qt::NoModifier) {
    item->setCheckState(kName,
                        item->checkState(kName) == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    return;
  }
  QTreeWidget::keyPressEvent(event);
}

QTreeWidgetItem* DatasetChecklist::addRow(const TargetSpec& target, bool checked) {
  auto* row = new Row(target);
  row->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
  row->setCheckState(kName, checked ? Qt::Checked : Qt::Unchecked);
  addTopLevelItem(row);
  showRow(row);
  return row;
}

void DatasetChecklist::showRow(QTreeWidgetItem* item) {
  const bool wasUpdating = updating_;
  updating_ = true;
  const TargetSpec& target = asRow(item)->target;
  const DatasetRef& ref = target.dataset;
  item->setText(kName, ref.name());
  item->setText(kDomain, target.domain);
  item->setText(kTask, target.task);
  if (ref.isFile()) {
    item->setToolTip(kName, tr("Your file %1").arg(ref.path));
    item->setText(kOnDisk, tr("file"));
  } else if (const std::optional<CatalogEntry> entry = Catalog::find(ref.id)) {
    item->setToolTip(kName, entry->title);
  }
  updating_ = wasUpdating;
}

void DatasetChecklist::setChosen(const QList<TargetSpec>& chosen) {
  updating_ = true;
  clear();
  QStringList ids;
  for (const TargetSpec& target : chosen) {
    addRow(target, true);
    if (!target.dataset.isFile()) ids << target.dataset.id;
  }
  for (const CatalogEntry& entry : Catalog::entries())
    if (!ids.contains(entry.id)) addRow(catalogTarget(entry.id), false);
  updating_ = false;
  updateGeometry();
}

QList<TargetSpec> DatasetChecklist::chosen() const {
  QList<TargetSpec> result;
  for (int i = 0; i < topLevelItemCount(); ++i) {
    const QTreeWidgetItem* item = topLevelItem(i);
    if (item->checkState(kName) == Qt::Checked) result << asRow(item)->target;
  }
  return result;
}

void DatasetChecklist::addChosen(const TargetSpec& target) {
  updating_ = true;
  QTreeWidgetItem* item = addRow(target, true);
  updating_ = false;
  updateGeometry();
  setCurrentItem(item);
  Q_EMIT edited();
}

void DatasetChecklist::removeRow(QTreeWidgetItem* item) {
  if (!item) return;
  delete takeTopLevelItem(indexOfTopLevelItem(item));
  Q_EMIT edited();
}

TargetSpec DatasetChecklist::current() const {
  const Row* row = asRow(currentItem());
  return row ? row->target : TargetSpec();
}

void DatasetChecklist::setCurrent(const TargetSpec& target) {
  Row* row = asRow(currentItem());
  if (!row) return;
  row->target = target;
  showRow(row);
  if (row->checkState(kName) == Qt::Checked) Q_EMIT edited();
}

bool DatasetChecklist::currentIsFile() const {
  const Row* row = asRow(currentItem());
  return row && row->target.dataset.isFile();
}

QSize DatasetChecklist::sizeHint() const {
  QSize hint = QTreeWidget::sizeHint();
  const int rows = qBound(3, topLevelItemCount(), 12);
  const int rowHeight = qMax(sizeHintForRow(0), fontMetrics().height() + 4);
  hint.setHeight(header()->sizeHint().height() + rows * rowHeight + 2 * frameWidth());
  return hint;
}

void DatasetChecklist::refreshOnDisk(const Catalog& catalog) {
  updating_ = true;
  for (int i = 0; i < topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = topLevelItem(i);
    const DatasetRef& ref = asRow(item)->target.dataset;
    if (!ref.isFile()) item->setText(kOnDisk, catalog.isFetched(ref.id) ? tr("yes") : tr("no"));
  }
  updating_ = false;
}

QStringList DatasetChecklist::chosenMissing(const Catalog& catalog) const {
  QStringList ids;
  for (const TargetSpec& target : chosen())
    if (!target.dataset.isFile() && !ids.contains(target.dataset.id) &&
        !catalog.isFetched(target.dataset.id))
      ids << target.dataset.id;
  return ids;
}

}  // namespace twb

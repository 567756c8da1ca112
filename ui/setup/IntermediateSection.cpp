#include "setup/IntermediateSection.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

#include "data/Catalog.h"
#include "plugin/PluginRegistry.h"
#include "setup/DatasetChecklist.h"

namespace twb {

IntermediateSection::IntermediateSection(QWidget* parent)
    : QGroupBox(tr("Intermediate task"), parent) {
  auto* form = new QFormLayout(this);
  dataset_ = new QComboBox(this);
  dataset_->setObjectName(QStringLiteral("intermediateDataset"));
  dataset_->setToolTip(tr("The transfer arm trains on this first; none: baseline only"));
  // Entries carry long descriptions: elide them rather than widen the dock.
  dataset_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  dataset_->setMinimumContentsLength(16);
  form->addRow(tr("&Intermediate dataset:"), dataset_);

  task_ = new QComboBox(this);
  task_->setObjectName(QStringLiteral("intermediateTask"));
  task_->addItems(supervisedTaskNames());
  form->addRow(tr("Task:"), task_);

  epochs_ = new QSpinBox(this);
  epochs_->setObjectName(QStringLiteral("intermediateEpochs"));
  epochs_->setRange(0, 1000);
  epochs_->setSpecialValueText(tr("as in Seeds and training"));
  form->addRow(tr("Epochs:"), epochs_);

  load(std::nullopt);
  connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
    onDatasetChosen();
    Q_EMIT changed();
  });
  connect(task_, &QComboBox::currentIndexChanged, this, &IntermediateSection::changed);
  connect(epochs_, &QSpinBox::valueChanged, this, &IntermediateSection::changed);
}

void IntermediateSection::fillChoices(const std::optional<DatasetRef>& loaded) {
  choices_ = {DatasetRef()};
  dataset_->clear();
  dataset_->addItem(tr("none (baseline only)"));
  bool placed = false;
  for (const CatalogEntry& entry : Catalog::entries()) {
    DatasetRef ref;
    ref.id = entry.id;
    if (loaded && !loaded->isFile() && loaded->id == entry.id) {
      ref = *loaded;  // keeps what the catalog id carried (its language)
      placed = true;
    }
    choices_ << ref;
    dataset_->addItem(QStringLiteral("%1 (%2)").arg(entry.id, entry.title));
  }
  if (loaded && !placed) {
    choices_ << *loaded;
    dataset_->addItem(tr("%1 (your file)").arg(loaded->name()));
  }
}

void IntermediateSection::load(const std::optional<TaskSpec>& task) {
  const QSignalBlocker blockDataset(dataset_), blockTask(task_), blockEpochs(epochs_);
  fillChoices(task ? std::optional<DatasetRef>(task->dataset) : std::nullopt);
  int index = 0;
  if (task) {
    for (int i = 1; i < choices_.size(); ++i) {
      const DatasetRef& ref = choices_[i];
      if (task->dataset.isFile() ? ref.path == task->dataset.path : ref.id == task->dataset.id) {
        index = i;
        break;
      }
    }
  }
  dataset_->setCurrentIndex(index);
  task_->setCurrentText(task ? task->task : TaskSpec().task);
  epochs_->setValue(task ? task->epochs : 0);
  task_->setEnabled(index > 0);
  epochs_->setEnabled(index > 0);
}

std::optional<TaskSpec> IntermediateSection::store() const {
  const int index = dataset_->currentIndex();
  if (index <= 0 || index >= choices_.size()) return std::nullopt;
  TaskSpec task;
  task.dataset = choices_[index];
  task.task = task_->currentText();
  task.epochs = epochs_->value();
  return task;
}

std::optional<DatasetRef> IntermediateSection::dataset() const {
  const int index = dataset_->currentIndex();
  if (index <= 0 || index >= choices_.size()) return std::nullopt;
  return choices_[index];
}

void IntermediateSection::onDatasetChosen() {
  const std::optional<DatasetRef> chosen = dataset();
  task_->setEnabled(chosen.has_value());
  epochs_->setEnabled(chosen.has_value());
  if (!chosen) return;
  if (!chosen->isFile()) {
    const QSignalBlocker blockTask(task_);
    task_->setCurrentText(catalogTarget(chosen->id).task);
  }
  Q_EMIT datasetSelected(*chosen);
}

}  // namespace twb

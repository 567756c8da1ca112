#include "setup/TargetsSection.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/InputError.h"
#include "plugin/PluginRegistry.h"
#include "setup/DatasetChecklist.h"
#include "setup/FileDatasetDialog.h"

namespace twb {

TargetsSection::TargetsSection(QWidget* parent) : QGroupBox(tr("Targets"), parent) {
  auto* layout = new QVBoxLayout(this);
  auto* caption = new QLabel(tr("Target&s (tick one or more; each runs with and without the "
                                "intermediate task):"),
                             this);
  caption->setWordWrap(true);
  list_ = new DatasetChecklist(this);
  list_->setObjectName(QStringLiteral("targets"));
  caption->setBuddy(list_);
  layout->addWidget(caption);
  layout->addWidget(list_);

  auto* buttons = new QHBoxLayout;
  auto* add = new QPushButton(tr("A&dd file…"), this);
  add->setObjectName(QStringLiteral("addFile"));
  add->setToolTip(tr("Your own TSV, CSV or JSONL file with named columns"));
  remove_ = new QPushButton(tr("Remove file"), this);
  remove_->setObjectName(QStringLiteral("removeFile"));
  buttons->addWidget(add);
  buttons->addWidget(remove_);
  buttons->addStretch();
  layout->addLayout(buttons);

  auto* details = new QFormLayout;
  task_ = new QComboBox(this);
  task_->setObjectName(QStringLiteral("targetTask"));
  task_->addItems(supervisedTaskNames());
  details->addRow(tr("Tas&k of this target:"), task_);
  domain_ = new QLineEdit(this);
  domain_->setObjectName(QStringLiteral("targetDomain"));
  domain_->setPlaceholderText(tr("e.g. restaurants"));
  details->addRow(tr("Do&main of this target:"), domain_);
  layout->addLayout(details);

  connect(add, &QPushButton::clicked, this, [this] { addFile(); });
  connect(remove_, &QPushButton::clicked, this, [this] { list_->removeRow(list_->currentItem()); });
  connect(list_, &DatasetChecklist::edited, this, &TargetsSection::changed);
  connect(list_, &QTreeWidget::currentItemChanged, this, &TargetsSection::showCurrent);
  connect(task_, &QComboBox::currentIndexChanged, this, &TargetsSection::editCurrent);
  connect(domain_, &QLineEdit::textEdited, this, &TargetsSection::editCurrent);
  showCurrent();
}

void TargetsSection::load(const QList<TargetSpec>& targets) {
  {
    const QSignalBlocker block(list_);
    list_->setChosen(targets);
  }
  showCurrent();
}

QList<TargetSpec> TargetsSection::store() const {
  const QList<TargetSpec> targets = list_->chosen();
  if (targets.isEmpty()) throw InputError(tr("targets: tick at least one target dataset"));
  return targets;
}

void TargetsSection::addFile(const QString& path) {
  const QString file = path.isEmpty()
                           ? QFileDialog::getOpenFileName(
                                 this, tr("Add a dataset file"), QString(),
                                 tr("Datasets (*.tsv *.tab *.csv *.jsonl *.ndjson);;All files (*)"))
                           : path;
  if (file.isEmpty()) return;
  FileDatasetDialog dialog(file, this);
  if (dialog.exec() != QDialog::Accepted) return;
  list_->addChosen(dialog.target());
  list_->setFocus();
}

void TargetsSection::showCurrent() {
  const bool has = list_->hasCurrent();
  const TargetSpec target = list_->current();
  const QSignalBlocker blockTask(task_), blockDomain(domain_);
  task_->setCurrentText(has ? target.task : TaskSpec().task);
  domain_->setText(target.domain);
  task_->setEnabled(has);
  domain_->setEnabled(has);
  remove_->setEnabled(list_->currentIsFile());
}

void TargetsSection::editCurrent() {
  if (!list_->hasCurrent()) return;
  TargetSpec target = list_->current();
  target.task = task_->currentText();
  target.domain = domain_->text().trimmed();
  list_->setCurrent(target);
}

}  // namespace twb

#include "setup/PretrainSection.h"

#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "common/InputError.h"
#include "config/ExperimentSchema.h"
#include "setup/DatasetChecklist.h"

namespace twb {

PretrainSection::PretrainSection(QWidget* parent)
    : QGroupBox(tr("Pretraining (masked language model)"), parent) {
  setToolTip(
      tr("Masked-LM training on raw text before the tasks: from scratch for an encoder "
         "trained here, continued from the weights for a pretrained model. Off: the "
         "pretrained weights (or a random start) go straight to the tasks."));
  auto* form = new QFormLayout(this);
  form->setRowWrapPolicy(QFormLayout::WrapAllRows);
  list_ = new DatasetChecklist(this);
  list_->setObjectName(QStringLiteral("pretrainText"));
  list_->setColumnHidden(DatasetChecklist::kTask, true);
  form->addRow(tr("Te&xt datasets:"), list_);

  steps_ = new QSpinBox(this);
  steps_->setObjectName(QStringLiteral("pretrainSteps"));
  const SchemaKey& steps = schemaKey(QStringLiteral("pretrain.steps"));
  steps_->setRange(int(steps.minimum), 10000000);
  steps_->setSingleStep(500);
  steps_->setSpecialValueText(tr("off"));
  steps_->setToolTip(steps.help);
  form->addRow(tr("Ste&ps:"), steps_);

  connect(list_, &DatasetChecklist::edited, this, &PretrainSection::changed);
  connect(steps_, &QSpinBox::valueChanged, this, &PretrainSection::changed);
}

void PretrainSection::load(const PretrainSpec& pretrain) {
  const QSignalBlocker blockList(list_), blockSteps(steps_);
  QList<TargetSpec> chosen;
  for (const DatasetRef& ref : pretrain.text) {
    TargetSpec target = ref.isFile() ? TargetSpec() : catalogTarget(ref.id);
    target.dataset = ref;
    chosen << target;
  }
  list_->setChosen(chosen);
  steps_->setValue(pretrain.steps);
}

PretrainSpec PretrainSection::store(PretrainSpec pretrain) const {
  pretrain.text.clear();
  for (const TargetSpec& target : list_->chosen()) pretrain.text << target.dataset;
  pretrain.steps = steps_->value();
  if (pretrain.steps > 0 && pretrain.text.isEmpty())
    throw InputError(
        tr("pretrain.text: tick at least one text dataset, or set the pretraining "
           "steps to off"));
  return pretrain;
}

}  // namespace twb

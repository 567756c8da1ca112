#include "setup/ModelSection.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "common/InputError.h"
#include "models/EncoderConfig.h"

namespace twb {
namespace {

void selectData(QComboBox* combo, const QString& value) {
  const int index = combo->findData(value);
  if (index >= 0) combo->setCurrentIndex(index);
}

}  // namespace

ModelSection::ModelSection(QWidget* parent) : QGroupBox(tr("Model"), parent) {
  auto* form = new QFormLayout(this);
  family_ = new QComboBox(this);
  family_->setObjectName(QStringLiteral("family"));
  family_->addItem(QStringLiteral("BERT"), QStringLiteral("bert"));
  family_->addItem(QStringLiteral("RoBERTa"), QStringLiteral("roberta"));
  family_->addItem(QStringLiteral("XLNet"), QStringLiteral("xlnet"));
  form->addRow(tr("Famil&y:"), family_);

  size_ = new QComboBox(this);
  size_->setObjectName(QStringLiteral("size"));
  for (const char* size : {"tiny", "mini", "small", "base"})
    size_->addItem(QString::fromLatin1(size), QString::fromLatin1(size));
  form->addRow(tr("Si&ze:"), size_);

  sizes_ = new QLabel(this);
  sizes_->setObjectName(QStringLiteral("resolvedSizes"));
  form->addRow(tr("Resolved:"), sizes_);

  vocab_ = new QSpinBox(this);
  vocab_->setObjectName(QStringLiteral("vocabSize"));
  vocab_->setRange(16, 1000000);
  vocab_->setSingleStep(1000);
  vocab_->setToolTip(tr("Size of the sentencepiece vocabulary trained on the run's text"));
  form->addRow(tr("Vocabulary size:"), vocab_);

  load(ModelSpec());
  for (QComboBox* combo : {family_, size_})
    connect(combo, &QComboBox::currentIndexChanged, this, [this] {
      showSizes();
      Q_EMIT changed();
    });
  connect(vocab_, &QSpinBox::valueChanged, this, &ModelSection::changed);
}

void ModelSection::load(const ModelSpec& model) {
  const QSignalBlocker blockFamily(family_), blockSize(size_), blockVocab(vocab_);
  loaded_ = model;
  selectData(family_, model.arch);
  selectData(size_, model.size);
  vocab_->setValue(model.vocabSize);
  showSizes();
}

ModelSpec ModelSection::store(ModelSpec model) const {
  model.arch = family_->currentData().toString();
  model.size = size_->currentData().toString();
  model.vocabSize = vocab_->value();
  return model;
}

void ModelSection::showSizes() {
  try {
    const EncoderConfig config = EncoderConfig::fromSpec(store(loaded_), 0, 0);
    sizes_->setText(tr("%1 layers, d = %2, %3 heads, ff = %4")
                        .arg(config.layers)
                        .arg(config.hidden)
                        .arg(config.heads)
                        .arg(config.intermediate));
  } catch (const InputError& error) {
    sizes_->setText(error.message());
  }
}

}  // namespace twb

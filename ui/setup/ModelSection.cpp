#include "setup/ModelSection.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "config/ExperimentSchema.h"
#include "family/EncoderConfig.h"
#include "family/HfConfig.h"
#include "setup/ModelDownload.h"
#include "setup/ModelPicker.h"

namespace twb {
namespace {

void selectData(QComboBox* combo, const QString& value) {
  const int index = combo->findData(value);
  if (index >= 0) combo->setCurrentIndex(index);
}

// One label column across the section's forms, as if they were one form.
void alignLabels(std::initializer_list<QFormLayout*> forms) {
  QList<QWidget*> labels;
  for (QFormLayout* form : forms)
    for (int row = 0; row < form->rowCount(); ++row)
      if (QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole))
        if (item->widget()) labels << item->widget();
  int width = 0;
  for (QWidget* label : labels) width = std::max(width, label->sizeHint().width());
  for (QWidget* label : labels) label->setMinimumWidth(width);
}

}  // namespace

ModelSection::ModelSection(QWidget* parent) : QGroupBox(tr("Model"), parent) {
  // Rows that come and go live in boxes of their own: a QFormLayout with hidden rows beside
  // word-wrapped labels miscomputes its height (Qt 6.4), squeezing the rows under them.
  auto* layout = new QVBoxLayout(this);
  auto* startForm = new QFormLayout;
  picker_ = new ModelPicker(this);
  startForm->addRow(tr("Start from:"), picker_);
  layout->addLayout(startForm);

  details_ = new QLabel(this);
  details_->setObjectName(QStringLiteral("modelDetails"));
  details_->setWordWrap(true);
  details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(details_);

  download_ = new ModelDownload(this);
  layout->addWidget(download_);

  checkpointBox_ = new QWidget(this);
  auto* checkpointForm = new QFormLayout(checkpointBox_);
  checkpointForm->setContentsMargins(0, 0, 0, 0);
  checkpoint_ = new QLabel(checkpointBox_);
  checkpoint_->setObjectName(QStringLiteral("checkpointFamily"));
  checkpoint_->setWordWrap(true);
  checkpoint_->setToolTip(tr("The checkpoint's config.json sets its family and sizes"));
  checkpointForm->addRow(tr("Family:"), checkpoint_);
  layout->addWidget(checkpointBox_);

  scratchBox_ = new QWidget(this);
  auto* scratchForm = new QFormLayout(scratchBox_);
  scratchForm->setContentsMargins(0, 0, 0, 0);
  family_ = new QComboBox(scratchBox_);
  family_->setObjectName(QStringLiteral("family"));
  for (const FamilyTraits& traits : allFamilyTraits())
    family_->addItem(QString::fromLatin1(traits.displayName), vocab::name(traits.family));
  scratchForm->addRow(tr("Famil&y:"), family_);

  size_ = new QComboBox(scratchBox_);
  size_->setObjectName(QStringLiteral("size"));
  for (const char* size : {"tiny", "mini", "small", "base"})
    size_->addItem(QString::fromLatin1(size), QString::fromLatin1(size));
  scratchForm->addRow(tr("Si&ze:"), size_);

  sizes_ = new QLabel(scratchBox_);
  sizes_->setObjectName(QStringLiteral("resolvedSizes"));
  scratchForm->addRow(tr("Resolved:"), sizes_);

  vocab_ = new QSpinBox(scratchBox_);
  vocab_->setObjectName(QStringLiteral("vocabSize"));
  const SchemaKey& vocab = schemaKey(QStringLiteral("model.vocab_size"));
  vocab_->setRange(int(vocab.minimum), 1000000);
  vocab_->setSingleStep(1000);
  vocab_->setToolTip(vocab.help);
  scratchForm->addRow(tr("Vocabulary size:"), vocab_);
  layout->addWidget(scratchBox_);
  alignLabels({startForm, checkpointForm, scratchForm});

  load(ModelSpec());
  for (QComboBox* combo : {family_, size_})
    connect(combo, &QComboBox::currentIndexChanged, this, [this] {
      showSizes();
      Q_EMIT changed();
    });
  connect(vocab_, &QSpinBox::valueChanged, this, &ModelSection::changed);
  connect(picker_, &ModelPicker::changed, this, [this] {
    showChoice();
    Q_EMIT changed();
  });
  connect(download_, &ModelDownload::cacheChanged, this, &ModelSection::showChoice);
}

void ModelSection::load(const ModelSpec& model) {
  const QSignalBlocker blockFamily(family_), blockSize(size_), blockVocab(vocab_);
  loaded_ = model;
  picker_->load(model);
  selectData(family_, model.arch);
  selectData(size_, model.size);
  vocab_->setValue(model.vocabSize);
  showSizes();
  showChoice();
}

ModelSpec ModelSection::store(ModelSpec model) const {
  const PickedModel picked = picker_->picked();
  model.from = picked.from;
  model.source = picked.source;
  if (!model.pretrained()) return scratchSpec(model);
  // What the loader gives for a checkpoint: no sizes, arch only as a check the file wrote.
  const ModelSpec defaults;
  model.archGiven = loaded_.archGiven && loaded_.pretrained() && loaded_.from == model.from;
  model.arch = model.archGiven ? loaded_.arch : defaults.arch;
  model.size = defaults.size;
  model.layers = model.hidden = model.heads = model.ff = 0;
  model.vocabSize = defaults.vocabSize;
  return model;
}

ModelSpec ModelSection::scratchSpec(ModelSpec model) const {
  model.arch = family_->currentData().toString();
  model.size = size_->currentData().toString();
  model.vocabSize = vocab_->value();
  return model;
}

void ModelSection::showSizes() {
  try {
    const EncoderConfig config = EncoderConfig::fromSpec(scratchSpec(loaded_), 0, 0);
    sizes_->setText(tr("%1 layers, d = %2, %3 heads, ff = %4")
                        .arg(config.layers)
                        .arg(config.hidden)
                        .arg(config.heads)
                        .arg(config.intermediate));
  } catch (const InputError& error) {
    sizes_->setText(error.message());
  }
}

void ModelSection::showChoice() {
  const bool scratch = picker_->isScratch();
  scratchBox_->setVisible(scratch);
  checkpointBox_->setVisible(!scratch);
  details_->setText(picker_->description());

  QString repo;
  QString revision;
  qint64 bytes = 0;
  if (const std::optional<CatalogModel> catalog = picker_->catalogModel()) {
    repo = catalog->repo;
    bytes = catalog->downloadBytes;
  } else if (!scratch && picker_->problem().isEmpty()) {
    const ModelSource source = picker_->picked().source;
    if (source.kind == ModelSource::Hub) {
      repo = source.repo;
      revision = source.revision;
      // hf:FacebookAI/roberta-base is a catalog model by another name: its size is known.
      if (const std::optional<CatalogModel> known = findCatalogModel(repo))
        bytes = known->downloadBytes;
    }
  }
  download_->setModel(repo, revision, bytes);
  if (!scratch) checkpoint_->setText(checkpointFamily());
}

// The checkpoint's family in words: from its config.json when it is on this machine, else from
// the catalog.
QString ModelSection::checkpointFamily() const {
  const auto familyName = [this](const QString& arch) {
    const int index = family_->findData(arch);
    return index >= 0 ? family_->itemText(index) : arch;
  };
  QString folder = picker_->checkpointFolder();
  if (folder.isEmpty()) folder = download_->cachedFolder();
  if (!folder.isEmpty()) {
    try {
      const HfModelConfig config = readHfConfig(folder);
      return tr("%1 (%2): %3 layers, d = %4, %5 heads")
          .arg(familyName(config.encoder.arch), config.modelType)
          .arg(config.encoder.layers)
          .arg(config.encoder.hidden)
          .arg(config.encoder.heads);
    } catch (const InputError& error) {
      return error.message();
    }
  }
  if (const std::optional<CatalogModel> catalog = picker_->catalogModel())
    return tr("%1 (%2), set by the checkpoint")
        .arg(familyName(hfArchOf(catalog->modelType)), catalog->modelType);
  return tr("set by the checkpoint's config.json");
}

}  // namespace twb

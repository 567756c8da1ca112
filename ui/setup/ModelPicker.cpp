#include "setup/ModelPicker.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMetaObject>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/InputError.h"
#include "setup/SetupValues.h"

namespace twb {
namespace {

// The data of the entries that are not catalog ids (which never contain ':' or '/').
const QString kScratch = QStringLiteral("scratch");
const QString kHub = QStringLiteral("hf:");
const QString kFolder = QStringLiteral("folder:");

bool sameSource(const ModelSource& a, const ModelSource& b) {
  return a.kind == b.kind && a.repo == b.repo && a.revision == b.revision && a.folder == b.folder;
}

// "100 languages · 278M parameters · 1.1 GB download · MIT"
QString catalogSummary(const CatalogModel& model) {
  return ModelPicker::tr("%1 · %2 · %3 download · %4")
      .arg(model.languages, formatParameterCount(model.parameters),
           formatByteSize(model.downloadBytes), model.licence);
}

}  // namespace

ModelPicker::ModelPicker(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);

  from_ = new QComboBox(this);
  from_->setObjectName(QStringLiteral("modelFrom"));
  // The dock is narrow: let the combo shrink and elide rather than widen the panel.
  from_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  from_->setMinimumContentsLength(16);
  from_->addItem(tr("Scratch (train a tiny encoder here)"), kScratch);
  from_->setItemData(0, tr("An encoder with random weights, trained on this machine"),
                     Qt::ToolTipRole);
  from_->insertSeparator(from_->count());
  for (const CatalogModel& model : modelCatalog()) {
    from_->addItem(tr("%1 (%2)").arg(model.id, model.languages), model.id);
    from_->setItemData(from_->count() - 1,
                       catalogSummary(model) + QLatin1Char('\n') + model.description,
                       Qt::ToolTipRole);
  }
  from_->insertSeparator(from_->count());
  from_->addItem(tr("Hub repository…"), kHub);
  from_->setItemData(from_->count() - 1, tr("Any Hugging Face model repository: ORG/NAME"),
                     Qt::ToolTipRole);
  from_->addItem(tr("Checkpoint folder…"), kFolder);
  from_->setItemData(from_->count() - 1,
                     tr("A folder on this machine with config.json and safetensors weights"),
                     Qt::ToolTipRole);
  layout->addWidget(from_);

  repo_ = new QLineEdit(this);
  repo_->setObjectName(QStringLiteral("hubRepo"));
  repo_->setPlaceholderText(tr("ORG/NAME or ORG/NAME@REVISION"));
  repo_->setToolTip(tr("A Hugging Face Hub repository, as in huggingface.co/ORG/NAME"));
  layout->addWidget(repo_);

  folderRow_ = new QWidget(this);
  auto* folderLayout = new QHBoxLayout(folderRow_);
  folderLayout->setContentsMargins(0, 0, 0, 0);
  folder_ = new QLineEdit(folderRow_);
  folder_->setObjectName(QStringLiteral("checkpointFolder"));
  folder_->setPlaceholderText(tr("folder with config.json"));
  choose_ = new QPushButton(tr("Choose…"), folderRow_);
  choose_->setObjectName(QStringLiteral("chooseFolder"));
  folderLayout->addWidget(folder_, 1);
  folderLayout->addWidget(choose_);
  layout->addWidget(folderRow_);

  connect(from_, &QComboBox::currentIndexChanged, this, [this] {
    showChoice();
    Q_EMIT changed();
  });
  connect(from_, &QComboBox::activated, this, &ModelPicker::onActivated);
  connect(repo_, &QLineEdit::textEdited, this, &ModelPicker::changed);
  connect(folder_, &QLineEdit::textEdited, this, &ModelPicker::changed);
  connect(choose_, &QPushButton::clicked, this, &ModelPicker::chooseFolder);
  showChoice();
}

void ModelPicker::load(const ModelSpec& model) {
  const QSignalBlocker blockFrom(from_), blockRepo(repo_), blockFolder(folder_);
  loaded_ = model;
  repo_->clear();
  folder_->clear();
  const QString from = model.from.trimmed();
  QString entry = kFolder;
  if (from.isEmpty() || from == kScratch) {
    entry = kScratch;
  } else if (const auto catalog = findCatalogModel(from)) {
    entry = catalog->id;  // also when from names the catalog model's repository
  } else if (from.startsWith(kHub)) {
    entry = kHub;
    repo_->setText(from.mid(kHub.size()));
  } else {
    folder_->setText(QDir::toNativeSeparators(
        model.source.kind == ModelSource::Folder ? model.source.folder : from));
  }
  from_->setCurrentIndex(from_->findData(entry));
  previous_ = from_->currentIndex();
  showChoice();
}

PickedModel ModelPicker::resolve(QString* error) const {
  PickedModel result;
  const QString entry = key();
  if (entry == kScratch) {
    result.from = kScratch;
    return result;
  }
  if (entry == kHub) {
    QString repo = repo_->text().trimmed();
    if (repo.startsWith(kHub)) repo = repo.mid(kHub.size());
    if (repo.isEmpty()) {
      *error = tr("type the Hub repository as ORG/NAME, or ORG/NAME@REVISION");
      return result;
    }
    result.from = kHub + repo;
  } else if (entry == kFolder) {
    const QString text = QDir::fromNativeSeparators(folder_->text().trimmed());
    if (text.isEmpty()) {
      *error = tr("choose the checkpoint folder, the one with config.json");
      return result;
    }
    result.from = QDir::cleanPath(QFileInfo(text).absoluteFilePath());
    if (!QFileInfo::exists(result.from + QStringLiteral("/config.json"))) {
      *error = tr("%1 has no config.json: choose the folder that holds config.json and the "
                  "safetensors weights")
                   .arg(QDir::toNativeSeparators(result.from));
      return result;
    }
  } else {
    result.from = entry;
  }
  result.source = parseModelSource(result.from, QString(), error);
  if (error->isEmpty() && loaded_.pretrained() && sameSource(result.source, loaded_.source)) {
    result.from = loaded_.from;
    result.source = loaded_.source;
  }
  return result;
}

PickedModel ModelPicker::picked() const {
  QString error;
  PickedModel result = resolve(&error);
  if (!error.isEmpty()) throw InputError(QStringLiteral("model.from: ") + error);
  return result;
}

bool ModelPicker::isScratch() const { return key() == kScratch; }

std::optional<CatalogModel> ModelPicker::catalogModel() const {
  const QString entry = key();
  if (entry == kScratch || entry == kHub || entry == kFolder) return std::nullopt;
  return findCatalogModel(entry);
}

QString ModelPicker::checkpointFolder() const {
  if (key() != kFolder) return QString();
  QString error;
  const PickedModel result = resolve(&error);
  return error.isEmpty() ? result.source.folder : QString();
}

QString ModelPicker::problem() const {
  QString error;
  resolve(&error);
  return error;
}

QString ModelPicker::description() const {
  const QString error = problem();
  if (!error.isEmpty()) return error.left(1).toUpper() + error.mid(1) + QLatin1Char('.');
  const QString entry = key();
  if (entry == kScratch) return tr("Random weights, trained here: pick the family and size below.");
  if (entry == kHub)
    return tr("A repository with safetensors weights of a BERT, RoBERTa, XLM-R or XLNet encoder.");
  if (entry == kFolder)
    return tr(
        "A checkpoint saved by Hugging Face or by this workbench: config.json, safetensors "
        "weights and the tokenizer files.");
  const std::optional<CatalogModel> model = findCatalogModel(entry);
  return model ? catalogSummary(*model) + QLatin1Char('\n') + model->description : QString();
}

QString ModelPicker::key() const { return from_->currentData().toString(); }

// A user's pick from the list: a folder entry asks for its folder at once, a Hub entry takes
// the keyboard to the repository field.
void ModelPicker::onActivated() {
  if (key() == kHub) repo_->setFocus();
  if (key() == kFolder && folder_->text().trimmed().isEmpty()) {
    // After the popup has closed, so the dialog is not stacked under it.
    QMetaObject::invokeMethod(this, &ModelPicker::chooseFolder, Qt::QueuedConnection);
    return;
  }
  previous_ = from_->currentIndex();
}

void ModelPicker::chooseFolder() {
  const QString current = folder_->text().trimmed();
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Checkpoint folder (with config.json)"),
                                        current.isEmpty() ? QDir::homePath() : current);
  if (folder.isEmpty()) {
    // Cancelled with nothing chosen before: back to the entry the user came from.
    if (key() == kFolder && current.isEmpty()) from_->setCurrentIndex(previous_);
    return;
  }
  folder_->setText(QDir::toNativeSeparators(folder));
  previous_ = from_->currentIndex();
  Q_EMIT changed();
}

void ModelPicker::showChoice() {
  const QString entry = key();
  repo_->setVisible(entry == kHub);
  folderRow_->setVisible(entry == kFolder);
  from_->setToolTip(from_->currentData(Qt::ToolTipRole).toString());
}

}  // namespace twb

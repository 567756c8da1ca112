#include "setup/SetupPanel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/InputError.h"
#include "config/ExperimentWriter.h"
#include "setup/DatasetChecklist.h"
#include "setup/DatasetFetcher.h"
#include "setup/DatasetInfo.h"
#include "setup/IntermediateSection.h"
#include "setup/ModelSection.h"
#include "setup/PretrainSection.h"
#include "setup/TargetsSection.h"
#include "setup/TrainSection.h"

namespace twb {

SetupPanel::SetupPanel(QWidget* parent) : QWidget(parent), fetcher_(new DatasetFetcher(this)) {
  auto* layout = new QVBoxLayout(this);

  auto* experiment = new QGroupBox(tr("Experiment"), this);
  auto* experimentForm = new QFormLayout(experiment);
  name_ = new QLineEdit(experiment);
  name_->setObjectName(QStringLiteral("name"));
  name_->setPlaceholderText(tr("e.g. movies-to-products"));
  experimentForm->addRow(tr("&Name:"), name_);
  layout->addWidget(experiment);

  model_ = new ModelSection(this);
  pretrain_ = new PretrainSection(this);
  intermediate_ = new IntermediateSection(this);
  targets_ = new TargetsSection(this);
  train_ = new TrainSection(this);
  for (QWidget* section :
       std::initializer_list<QWidget*>{model_, pretrain_, intermediate_, targets_, train_})
    layout->addWidget(section);

  auto* dataset = new QGroupBox(tr("Selected dataset"), this);
  auto* datasetLayout = new QVBoxLayout(dataset);
  info_ = new QLabel(tr("Select a dataset to see its size, labels and licence."), dataset);
  info_->setObjectName(QStringLiteral("datasetInfo"));
  info_->setWordWrap(true);
  info_->setTextFormat(Qt::RichText);
  info_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  datasetLayout->addWidget(info_);
  auto* fetchRow = new QHBoxLayout;
  fetch_ = new QPushButton(tr("Fet&ch"), dataset);
  fetch_->setObjectName(QStringLiteral("fetch"));
  stop_ = new QPushButton(tr("Stop after this one"), dataset);
  stop_->setObjectName(QStringLiteral("stopFetch"));
  stop_->setEnabled(false);
  progress_ = new QProgressBar(dataset);
  progress_->setObjectName(QStringLiteral("fetchProgress"));
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->hide();
  fetchRow->addWidget(fetch_);
  fetchRow->addWidget(stop_);
  fetchRow->addWidget(progress_, 1);
  datasetLayout->addLayout(fetchRow);
  fetchStatus_ = new QLabel(dataset);
  fetchStatus_->setObjectName(QStringLiteral("fetchStatus"));
  fetchStatus_->setWordWrap(true);
  datasetLayout->addWidget(fetchStatus_);
  layout->addWidget(dataset);
  layout->addStretch(1);

  const auto edited = [this] {
    refreshDatasets();
    Q_EMIT changed();
  };
  connect(name_, &QLineEdit::textEdited, this, &SetupPanel::changed);
  connect(model_, &ModelSection::changed, this, &SetupPanel::changed);
  connect(pretrain_, &PretrainSection::changed, this, edited);
  connect(intermediate_, &IntermediateSection::changed, this, edited);
  connect(targets_, &TargetsSection::changed, this, edited);
  connect(train_, &TrainSection::changed, this, &SetupPanel::changed);
  for (DatasetChecklist* list : {pretrain_->list(), targets_->list()})
    connect(list, &DatasetChecklist::currentChanged, this, &SetupPanel::showDataset);
  connect(intermediate_, &IntermediateSection::datasetSelected, this, &SetupPanel::showDataset);

  connect(fetch_, &QPushButton::clicked, this, &SetupPanel::fetchMissing);
  connect(stop_, &QPushButton::clicked, fetcher_, &DatasetFetcher::cancel);
  connect(fetcher_, &DatasetFetcher::progressed, this, &SetupPanel::onFetchProgress);
  connect(fetcher_, &DatasetFetcher::fetched, this, &SetupPanel::refreshDatasets);
  connect(fetcher_, &DatasetFetcher::failed, this,
          [this](const QString& id, const QString& message) {
            fetchErrors_ << tr("%1: %2").arg(id, message);
          });
  connect(fetcher_, &DatasetFetcher::finished, this, &SetupPanel::onFetchFinished);

  setSpec(ExperimentSpec());
}

SetupPanel::~SetupPanel() = default;

ExperimentSpec SetupPanel::spec() const {
  ExperimentSpec result = base_;
  result.name = name_->text().trimmed();
  if (result.name.isEmpty()) throw InputError(tr("name: give the experiment a name"));
  result.model = model_->store(base_.model);
  result.pretrain = pretrain_->store(base_.pretrain);
  result.intermediate = intermediate_->store();
  result.targets = targets_->store();
  train_->store(result);
  if (!experimentDifferences(result, base_).isEmpty()) {
    const QString folder =
        result.sourcePath.isEmpty() ? QString() : QFileInfo(result.sourcePath).absolutePath();
    result.yamlText = experimentToYaml(result, folder);
  }
  return result;
}

void SetupPanel::setSpec(const ExperimentSpec& spec) {
  base_ = spec;
  name_->setText(spec.name);
  model_->load(spec.model);
  pretrain_->load(spec.pretrain);
  intermediate_->load(spec.intermediate);
  targets_->load(spec.targets);
  train_->load(spec);
  refreshDatasets();
}

void SetupPanel::setDataDir(const QString& dataDir) {
  catalog_ = Catalog(dataDir);
  refreshDatasets();
}

void SetupPanel::addTargetFile(const QString& path) { targets_->addFile(path); }

QStringList SetupPanel::missingDatasets() const {
  QStringList ids = pretrain_->list()->chosenMissing(catalog_);
  const std::optional<DatasetRef> intermediate = intermediate_->dataset();
  if (intermediate && !intermediate->isFile() && !catalog_.isFetched(intermediate->id))
    ids << intermediate->id;
  ids << targets_->list()->chosenMissing(catalog_);
  ids.removeDuplicates();
  return ids;
}

void SetupPanel::fetchMissing() {
  const QStringList ids = missingDatasets();
  if (ids.isEmpty() || fetcher_->isRunning()) return;
  fetchErrors_.clear();
  fetch_->setEnabled(false);
  stop_->setEnabled(true);
  progress_->setValue(0);
  progress_->show();
  fetchStatus_->setText(tr("Fetching %1…").arg(ids.join(QStringLiteral(", "))));
  fetcher_->fetch(ids, catalog_.dataDir());
}

void SetupPanel::onFetchProgress(const QString& id, const QString& line, double fraction) {
  progress_->setValue(static_cast<int>(qBound(0.0, fraction, 1.0) * progress_->maximum()));
  fetchStatus_->setText(tr("%1: %2").arg(id, line));
}

void SetupPanel::onFetchFinished(bool cancelled) {
  progress_->hide();
  stop_->setEnabled(false);
  if (!fetchErrors_.isEmpty())
    fetchStatus_->setText(tr("Could not fetch:\n%1").arg(fetchErrors_.join(QLatin1Char('\n'))));
  else
    fetchStatus_->setText(cancelled ? tr("Stopped.") : tr("Done: the datasets are on disk."));
  refreshDatasets();
}

void SetupPanel::showDataset(const DatasetRef& dataset) {
  shown_ = dataset;
  info_->setText(datasetInfoHtml(dataset, catalog_));
}

// Brings the "On disk" columns, the info label and the Fetch button up to date.
void SetupPanel::refreshDatasets() {
  pretrain_->list()->refreshOnDisk(catalog_);
  targets_->list()->refreshOnDisk(catalog_);
  if (shown_) info_->setText(datasetInfoHtml(*shown_, catalog_));
  const QStringList missing = missingDatasets();
  fetch_->setEnabled(!missing.isEmpty() && !fetcher_->isRunning());
  fetch_->setText(missing.isEmpty()
                      ? tr("Fet&ch")
                      : tr("Fet&ch %n missing dataset(s)", nullptr, int(missing.size())));
  fetch_->setToolTip(missing.isEmpty()
                         ? tr("Every ticked dataset is on disk")
                         : tr("Download and convert: %1").arg(missing.join(QStringLiteral(", "))));
}

}  // namespace twb

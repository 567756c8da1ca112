// SetupPanel: the form that sets up an experiment, kept in step with an ExperimentSpec.
#pragma once

#include <QWidget>
#include <optional>

#include "config/ExperimentSpec.h"
#include "data/Catalog.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace twb {

class DatasetFetcher;
class IntermediateSection;
class ModelSection;
class PretrainSection;
class TargetsSection;
class TrainSection;

// Group boxes in one column (put it in a QScrollArea with widgetResizable): experiment name,
// model, pretraining, intermediate task, targets, seeds and budgets, and the selected dataset
// with a Fetch button that brings missing catalog datasets in the background.
//
// setSpec(s) fills the form; spec() gives s back, with the edits made since. Fields the form does
// not show (explicit model sizes, dropout, split, warmup, ...) pass through from the last
// setSpec. yamlText is kept when nothing changed, else written afresh.
class SetupPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SetupPanel(QWidget* parent = nullptr);
  ~SetupPanel() override;

  // The experiment as the form shows it. Throws InputError whose message starts with the key of
  // the first invalid field ("protocol.seeds: 'x' is not a whole number").
  ExperimentSpec spec() const;
  // Fills the form; does not emit changed().
  void setSpec(const ExperimentSpec& spec);

  QString dataDir() const { return catalog_.dataDir(); }

 public Q_SLOTS:
  // Where catalog datasets are cached; empty: the default data folder.
  void setDataDir(const QString& dataDir);
  // Adds a user's dataset file as a target, asking for its columns.
  void addTargetFile(const QString& path);
  // Fetches the ticked catalog datasets that are not on disk yet, in the background.
  void fetchMissing();

 Q_SIGNALS:
  void changed();  // any edit by the user

 private:
  QStringList missingDatasets() const;
  void showDataset(const DatasetRef& dataset);
  void refreshDatasets();
  void onFetchProgress(const QString& id, const QString& line, double fraction);
  void onFetchFinished(bool cancelled);

  ExperimentSpec base_;  // the last setSpec: what the form does not show comes from here
  Catalog catalog_;
  std::optional<DatasetRef> shown_;
  QLineEdit* name_ = nullptr;
  ModelSection* model_ = nullptr;
  PretrainSection* pretrain_ = nullptr;
  IntermediateSection* intermediate_ = nullptr;
  TargetsSection* targets_ = nullptr;
  TrainSection* train_ = nullptr;
  QLabel* info_ = nullptr;
  QPushButton* fetch_ = nullptr;
  QPushButton* stop_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* fetchStatus_ = nullptr;
  DatasetFetcher* fetcher_ = nullptr;
  QStringList fetchErrors_;
};

}  // namespace twb

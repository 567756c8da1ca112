// IntermediateSection: the setup form's intermediate task: dataset (or none), task, epochs.
#pragma once

#include <QGroupBox>
#include <QList>
#include <optional>

#include "config/ExperimentSpec.h"

class QComboBox;
class QSpinBox;

namespace twb {

class IntermediateSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit IntermediateSection(QWidget* parent = nullptr);

  void load(const std::optional<TaskSpec>& task);
  std::optional<TaskSpec> store() const;

  // The chosen dataset, if any, for the info label and fetching.
  std::optional<DatasetRef> dataset() const;

 Q_SIGNALS:
  void changed();
  void datasetSelected(const twb::DatasetRef& dataset);

 private:
  void fillChoices(const std::optional<DatasetRef>& loaded);
  void onDatasetChosen();

  QList<DatasetRef> choices_;  // by combo index; index 0 is "none"
  QComboBox* dataset_ = nullptr;
  QComboBox* task_ = nullptr;
  QSpinBox* epochs_ = nullptr;
};

}  // namespace twb

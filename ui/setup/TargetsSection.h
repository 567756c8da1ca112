// TargetsSection: the setup form's targets: catalog datasets and user files, task and domain.
#pragma once

#include <QGroupBox>

#include "config/ExperimentSpec.h"

class QComboBox;
class QLineEdit;
class QPushButton;

namespace twb {

class DatasetChecklist;

// A checklist of datasets with the domain of each shown, "Add file…" for a user's TSV, CSV or
// JSONL (asking for its columns), and the task and domain of the current row below it.
class TargetsSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit TargetsSection(QWidget* parent = nullptr);

  void load(const QList<TargetSpec>& targets);
  // The ticked rows in order; throws InputError naming targets when none is ticked.
  QList<TargetSpec> store() const;

  DatasetChecklist* list() const { return list_; }

 public Q_SLOTS:
  // Asks for a file (or takes path) and then for its columns; adds it ticked.
  void addFile(const QString& path = QString());

 Q_SIGNALS:
  void changed();

 private:
  void showCurrent();
  void editCurrent();

  DatasetChecklist* list_ = nullptr;
  QPushButton* remove_ = nullptr;
  QComboBox* task_ = nullptr;
  QLineEdit* domain_ = nullptr;
};

}  // namespace twb

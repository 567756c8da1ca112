// DatasetChecklist: a checkable list of catalog datasets and user files, each row a target spec.
#pragma once

#include <QList>
#include <QTreeWidget>

#include "config/ExperimentSpec.h"

namespace twb {

class Catalog;

// One row per dataset: the catalog's, plus user files. A row carries a whole TargetSpec (task,
// domain, epochs, columns), so what was loaded survives untouched. Checked rows are the choice,
// in row order. Space toggles the current row's box, as a click on it does.
class DatasetChecklist : public QTreeWidget {
  Q_OBJECT
 public:
  enum Column { kName, kDomain, kTask, kOnDisk };

  explicit DatasetChecklist(QWidget* parent = nullptr);

  // Rows: chosen first (checked, in order), then every catalog dataset not among them.
  void setChosen(const QList<TargetSpec>& chosen);
  QList<TargetSpec> chosen() const;
  // Appends a checked row for a user's file and makes it current.
  void addChosen(const TargetSpec& target);
  void removeRow(QTreeWidgetItem* item);

  // The current row's spec (nothing when no row is current) and a change to it.
  bool hasCurrent() const { return currentItem() != nullptr; }
  TargetSpec current() const;
  void setCurrent(const TargetSpec& target);
  bool currentIsFile() const;

  // Updates the "On disk" column; chosen catalog ids not on disk yet.
  void refreshOnDisk(const Catalog& catalog);
  QStringList chosenMissing(const Catalog& catalog) const;

  // Tall enough for every row (up to a dozen), so a scrolling form needs no inner scroll bar.
  QSize sizeHint() const override;

 Q_SIGNALS:
  void edited();  // a box was ticked or cleared, or a row was added, removed or changed
  void currentChanged(const twb::DatasetRef& dataset);

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QTreeWidgetItem* addRow(const TargetSpec& target, bool checked);
  void showRow(QTreeWidgetItem* item);

  bool updating_ = false;
};

// A target for a catalog id as the catalog describes it: its task and domain.
TargetSpec catalogTarget(const QString& id);

}  // namespace twb

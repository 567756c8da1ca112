// RunsFilterProxy: filters the runs table on its text columns and sorts it by value.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace twb {

// The filter text is split on white space; a run stays when every word occurs, ignoring case,
// in one of its text columns (experiment, arm, target, status, tag, error). Sorting uses
// RunsModel::SortRole, so numeric columns sort by number and missing values sort last.
class RunsFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit RunsFilterProxy(QObject* parent = nullptr);

  QString filterText() const { return text_; }

 public Q_SLOTS:
  void setFilterText(const QString& text);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  QString text_;
  QStringList words_;
};

}  // namespace twb

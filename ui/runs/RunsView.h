// RunsView: the runs table with a filter, sorting, tags, selection for overlays and config diff.
#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QTableView;

namespace twb {

class ConfigDiffDialog;
class RunsFilterProxy;
class RunsModel;

// Shows every run of a database (see RunsModel). Rows can be filtered (every word of the
// filter must occur in a text column), sorted by any column (numbers as numbers) and
// multi-selected; the selection survives reloads. selectionChanged() reports the selected
// run ids so the main window can overlay their curves. "Compare configs" is enabled when the
// selected runs belong to exactly two experiments, and opens their YAML side by side.
// While a run is live the table reloads itself (every 2 s by default).
class RunsView : public QWidget {
  Q_OBJECT
 public:
  explicit RunsView(const QString& databasePath, QWidget* parent = nullptr);

  RunsModel* model() const { return model_; }
  RunsFilterProxy* proxy() const { return proxy_; }
  QTableView* table() const { return table_; }
  QLineEdit* filterEdit() const { return filter_; }
  QPushButton* compareButton() const { return compare_; }

  QList<qint64> selectedRunIds() const;  // ascending
  // The experiments of the selected runs, ascending.
  QList<qint64> selectedExperimentIds() const;
  // Selects these runs (those that are shown) and nothing else.
  void selectRuns(const QList<qint64>& runIds);
  // How often to reload while some run is pending or running; 0 stops reloading by itself.
  void setLiveReloadInterval(int milliseconds);

 public Q_SLOTS:
  void reload();
  // Opens the config diff of the two selected experiments; nullptr unless exactly two.
  ConfigDiffDialog* compareConfigs();

 Q_SIGNALS:
  void selectionChanged(const QList<qint64>& runIds);

 private:
  void onSelectionChanged();
  void onLiveTick();

  RunsModel* model_ = nullptr;
  RunsFilterProxy* proxy_ = nullptr;
  QTableView* table_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QPushButton* compare_ = nullptr;
  QTimer liveTimer_;
  int idleTicks_ = 0;
  QList<qint64> lastEmitted_;
  QList<qint64> heldSelection_;  // kept across a model reset
};

}  // namespace twb

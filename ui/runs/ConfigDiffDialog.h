// ConfigDiffDialog: two experiments' YAML side by side, changes highlighted, "differences only".
#pragma once

#include <QDialog>
#include <QVector>

#include "runs/ConfigDiff.h"

class QCheckBox;
class QLabel;
class QTableWidget;

namespace twb {

// Columns: left line number, left text, right line number, right text. Changed lines are
// highlighted on both sides, removed ones on the left and added ones on the right, each with
// a marker (~ - +) as well as a colour. "Differences only" hides the equal lines.
class ConfigDiffDialog : public QDialog {
  Q_OBJECT
 public:
  ConfigDiffDialog(const QString& leftTitle, const QString& leftText, const QString& rightTitle,
                   const QString& rightText, QWidget* parent = nullptr);

  const QVector<DiffRow>& rows() const { return rows_; }
  QTableWidget* table() const { return table_; }
  QCheckBox* differencesOnlyBox() const { return differencesOnly_; }
  bool differencesOnly() const;
  int visibleRowCount() const;

 public Q_SLOTS:
  void setDifferencesOnly(bool on);

 private:
  void fill(const QStringList& left, const QStringList& right);

  QVector<DiffRow> rows_;
  QTableWidget* table_ = nullptr;
  QCheckBox* differencesOnly_ = nullptr;
  QLabel* summary_ = nullptr;
};

}  // namespace twb

// FileDatasetDialog: asks which columns of a user's TSV, CSV or JSONL file hold text and label.
#pragma once

#include <QDialog>

#include "config/ExperimentSpec.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace twb {

// Offers the file's header names (read from its first line) in editable combos, so a column
// can be picked or typed. The task decides whether the second column is a label or a score.
class FileDatasetDialog : public QDialog {
  Q_OBJECT
 public:
  explicit FileDatasetDialog(const QString& path, QWidget* parent = nullptr);

  // The file as a target: path (absolute), format, columns, task and domain.
  TargetSpec target() const;

 private:
  void readColumns();
  void updateState();

  QString path_;
  QComboBox* format_ = nullptr;
  QComboBox* text_ = nullptr;
  QComboBox* pair_ = nullptr;
  QComboBox* task_ = nullptr;
  QLabel* labelCaption_ = nullptr;
  QComboBox* label_ = nullptr;
  QLineEdit* domain_ = nullptr;
  QPushButton* ok_ = nullptr;
};

// The column names on the first line of a TSV or CSV file, or the keys of a JSONL file's first
// object; empty when the file cannot be read.
QStringList fileColumns(const QString& path, const QString& format);

}  // namespace twb

// DataSource: the plugin interface for a new kind of dataset an experiment reads by its name.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtPlugin>

#include "twb/sdk/Sdk.h"

namespace twb::sdk {

// A dataset as named columns of text, one row per example, before the workbench types it: it
// then reads the columns the experiment names (text, text_pair, label or score, by default
// "text" and "label"), checks labels and scores, and refuses what cannot be learnt, the way it
// does for a TSV file.
struct Table {
  QStringList columns;
  QList<QStringList> rows;  // each as long as columns
  QStringList origins;      // optional, per row: where it came from ("pos/001.txt"), for errors
};

// Selected in an experiment file by `format`: `dataset: {path: reviews/, format: text-folder}`.
// The path is resolved against the experiment file's folder, as for any dataset file.
class DataSource {
 public:
  virtual ~DataSource() = default;
  // The `format` value that selects this source: lower case, digits and '-', e.g. "text-folder".
  virtual QString name() const = 0;
  // One line for `twb plugins`: what it reads.
  virtual QString description() const = 0;
  // Reads the dataset at path (a file or a folder, as the source defines). On failure returns
  // false and sets error to a message naming what is wrong and where (a file, a line).
  virtual bool read(const QString& path, Table* table, QString* error) const = 0;
};

}  // namespace twb::sdk

#define TwbDataSource_iid "org.transfer-workbench.DataSource/1"
Q_DECLARE_INTERFACE(twb::sdk::DataSource, TwbDataSource_iid)

// Task: the plugin interface for a new supervised task an experiment names in `task:`.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QtPlugin>
#include <vector>

#include "twb/sdk/Sdk.h"

namespace twb::sdk {

// What the model predicts, which fixes its head and loss: Labels, a classification head with
// cross-entropy (the workbench also scores accuracy and macro-F1, which the gains use); Score, a
// regression head with mean squared error (Pearson and Spearman).
enum class Output { Labels, Score };

// Selected in an experiment file by `task: NAME`, for the intermediate task or a target.
class Task {
 public:
  virtual ~Task() = default;
  // The `task` value: lower case, digits and '-', e.g. "nli".
  virtual QString name() const = 0;
  // One line for `twb plugins`.
  virtual QString description() const = 0;
  virtual Output output() const = 0;
  // True when every example is a pair of texts (premise and hypothesis): a dataset without a
  // text_pair column is refused before anything trains.
  virtual bool needsPairs() const = 0;
  // The label set, in order, when the task fixes one; a label outside it is an error naming
  // the file and line. Empty: the labels found in the data.
  virtual QStringList labels() const { return {}; }
  // The task's own metrics on a test part, by name, stored beside the workbench's: gold and
  // predicted hold label indices (into the dataset's labels) or scores, example by example.
  virtual QList<QPair<QString, double>> score(const std::vector<double>& gold,
                                              const std::vector<double>& predicted,
                                              const QStringList& labels) const = 0;
};

}  // namespace twb::sdk

#define TwbTask_iid "org.transfer-workbench.Task/1"
Q_DECLARE_INTERFACE(twb::sdk::Task, TwbTask_iid)

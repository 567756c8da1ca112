// NliTask: natural-language inference: does the premise entail, contradict or say nothing of
// the hypothesis?
#pragma once

#include <twb/sdk/Task.h>

#include <QObject>

class NliTask : public QObject, public twb::sdk::Task {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID TwbTask_iid)
  Q_INTERFACES(twb::sdk::Task)

 public:
  QString name() const override;
  QString description() const override;
  twb::sdk::Output output() const override;
  bool needsPairs() const override;
  QStringList labels() const override;
  QList<QPair<QString, double>> score(const std::vector<double>& gold,
                                      const std::vector<double>& predicted,
                                      const QStringList& labels) const override;
};

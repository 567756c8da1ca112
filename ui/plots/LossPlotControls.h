// LossPlotControls: the loss plot's own small toolbar (metric, stage, x axis, smoothing, log y).
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include "plots/SeriesMath.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace twb {

// Holds no plot state of its own: it shows what LossPlot tells it and reports the user's
// changes. Setters never emit (LossPlot calls them while applying a change).
class LossPlotControls : public QWidget {
  Q_OBJECT
 public:
  explicit LossPlotControls(QWidget* parent = nullptr);

  // The choices offered; the current choice is kept when it is still offered.
  void setMetrics(const QStringList& metrics);
  void setStages(const QStringList& stages);  // "All stages" is always first

  void setMetric(const QString& metric);
  void setStage(const QString& stage);  // empty: all stages
  void setXAxisMode(XAxisMode mode);
  void setSmoothing(double weight);
  void setLogY(bool on);
  void setIgnoreOutliers(bool on);

 Q_SIGNALS:
  void metricChosen(const QString& metric);
  void stageChosen(const QString& stage);  // empty: all stages
  void xAxisModeChosen(twb::XAxisMode mode);
  void smoothingChosen(double weight);
  void logYChosen(bool on);
  void ignoreOutliersChosen(bool on);

 private:
  void showSmoothing(double weight);
  static void fillCombo(QComboBox* combo, const QStringList& texts, const QStringList& data);

  QComboBox* metric_ = nullptr;
  QComboBox* stage_ = nullptr;
  QComboBox* xAxis_ = nullptr;
  QSlider* smoothing_ = nullptr;
  QLabel* smoothingValue_ = nullptr;
  QCheckBox* logY_ = nullptr;
  QCheckBox* outliers_ = nullptr;
};

}  // namespace twb

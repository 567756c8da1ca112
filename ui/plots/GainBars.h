// GainBars: baseline vs transfer bars per target with 95% CI error bars, the gain, its interval
// and verdict written on top, and each target's statistics in a tooltip.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "experiment/Gains.h"

class QCustomPlot;
class QCPTextElement;

namespace twb {

// One pair of bars per target (baseline solid blue, transfer orange), error bars of the 95%
// interval over seeds (the plot says so), and Δ = transfer - baseline above each pair ("+0.138")
// with its interval. A negative verdict (TargetGain::verdict) gets its own colour, a hatched bar
// and a "▼ negative" line, so colour is never the only cue; a positive one "▲ positive"; a
// target neither arm of which beats chance "~ at chance".
class GainBars : public QWidget {
  Q_OBJECT
 public:
  explicit GainBars(QWidget* parent = nullptr);

  void setGains(const QVector<TargetGain>& gains);
  // A line above the plot naming what is shown ("experiment 3: demo-domain, finished").
  void setTitle(const QString& title);
  QString title() const;

  QCustomPlot* plot() const { return plot_; }
  // The Δ written above each pair, in target order ("+0.138", "-0.042").
  QStringList deltaLabels() const { return deltaLabels_; }
  // The targets drawn as negative transfer.
  QStringList negativeTargets() const { return negativeTargets_; }

  static QString formatDelta(double delta);
  // What the tooltip over a target says: both arms with CIs, Δ with both intervals and p, the
  // verdict and why, the power hint and the chance level.
  static QString tooltipOf(const TargetGain& gain);
  QStringList tooltips() const { return tooltips_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QCustomPlot* plot_ = nullptr;
  QStringList deltaLabels_;
  QStringList negativeTargets_;
  QStringList tooltips_;
  QCPTextElement* title_ = nullptr;
};

}  // namespace twb

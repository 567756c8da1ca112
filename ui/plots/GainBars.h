// GainBars: baseline vs transfer bars per target with seed error bars and the gain written on top.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "experiment/Gains.h"

class QCustomPlot;

namespace twb {

// One pair of bars per target (baseline solid blue, transfer orange), error bars of one sd over
// seeds, and Δ = transfer - baseline above each pair ("+0.138"). A negative transfer (see
// TargetGain::negativeTransfer) gets its own colour, a hatched bar and a "▼ negative" line in
// its label, so colour is never the only cue.
class GainBars : public QWidget {
  Q_OBJECT
 public:
  explicit GainBars(QWidget* parent = nullptr);

  void setGains(const QVector<TargetGain>& gains);

  QCustomPlot* plot() const { return plot_; }
  // The Δ written above each pair, in target order ("+0.138", "-0.042").
  QStringList deltaLabels() const { return deltaLabels_; }
  // The targets drawn as negative transfer.
  QStringList negativeTargets() const { return negativeTargets_; }

  static QString formatDelta(double delta);

 private:
  QCustomPlot* plot_ = nullptr;
  QStringList deltaLabels_;
  QStringList negativeTargets_;
};

}  // namespace twb

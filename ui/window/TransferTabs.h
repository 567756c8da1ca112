// TransferTabs: one experiment's transfer views (gain per target, heatmap, gain vs distance).
#pragma once

#include <QTabWidget>

#include "config/ExperimentSpec.h"
#include "experiment/Engine.h"

class QCustomPlot;

namespace twb {

class GainBars;
class GainHeatmap;
class LanguageView;
class RunStore;

// Filled from a run's outcome as it ends, or from an experiment in the run store.
class TransferTabs : public QTabWidget {
  Q_OBJECT
 public:
  explicit TransferTabs(QWidget* parent = nullptr);

  GainBars* gainBars() const { return gainBars_; }
  GainHeatmap* heatmap() const { return heatmap_; }
  LanguageView* languageView() const { return languages_; }

  // What a run reported as it ended, and the spec it ran (the heatmap's row); the gain vs
  // distance view keeps what it showed.
  void showOutcome(const ExperimentOutcome& outcome, const ExperimentSpec& spec);
  // A stored experiment's gains, and its language targets' against the language table's
  // distances (read from dataDir).
  void showStored(const RunStore& store, qint64 experimentId, const QString& dataDir);
  // Brings the gain per target to the front.
  void showGainBars();
  // The plot of the view shown, for export.
  QCustomPlot* currentPlot() const;

 private:
  GainBars* gainBars_;
  GainHeatmap* heatmap_;
  LanguageView* languages_;
};

}  // namespace twb

#include "window/TransferTabs.h"

#include <algorithm>
#include <exception>

#include "LanguageView.h"
#include "config/ExperimentLoader.h"
#include "experiment/LanguageReport.h"
#include "experiment/StoredGains.h"
#include "plots/GainBars.h"
#include "plots/GainHeatmap.h"
#include "plots/GainScatter.h"
#include "store/RunStore.h"

namespace twb {
namespace {

// "Experiment 3: demo-domain (finished)", above the gain bars.
QString experimentTitle(qint64 id, const QString& name, const QString& status) {
  return TransferTabs::tr("Experiment %1: %2 (%3)").arg(id).arg(name, status);
}

}  // namespace

TransferTabs::TransferTabs(QWidget* parent)
    : QTabWidget(parent),
      gainBars_(new GainBars(this)),
      heatmap_(new GainHeatmap(this)),
      languages_(new LanguageView(this)) {
  addTab(gainBars_, tr("Gain per target"));
  addTab(heatmap_, tr("Heatmap"));
  addTab(languages_, tr("Gain vs distance"));
}

void TransferTabs::showOutcome(const ExperimentOutcome& outcome, const ExperimentSpec& spec) {
  gainBars_->setGains(outcome.gains);
  gainBars_->setTitle(experimentTitle(outcome.experimentId, spec.name, outcome.status));
  heatmap_->setGains({GainHeatmap::intermediateRow(spec)}, {outcome.gains});
}

void TransferTabs::showStored(const RunStore& store, qint64 experimentId, const QString& dataDir) {
  const QVector<TargetGain> gains = gainsFromStore(store, experimentId);
  gainBars_->setGains(gains);
  const auto experiment = store.experiment(experimentId);
  gainBars_->setTitle(
      experiment ? experimentTitle(experimentId, experiment->name, experiment->status) : QString());
  ExperimentSpec spec;
  try {
    if (experiment) spec = parseExperiment(experiment->yamlText, QString());
  } catch (const std::exception&) {
    // A YAML the current loader no longer reads: its row is named as one without intermediate.
  }
  heatmap_->setGains({GainHeatmap::intermediateRow(spec)}, {gains});
  // Language targets: their gains against the language table's distances.
  const bool anyLanguage = std::any_of(gains.begin(), gains.end(),
                                       [](const TargetGain& g) { return !g.language.isEmpty(); });
  if (!anyLanguage) {
    languages_->showNote(tr("This experiment has no language targets."));
    return;
  }
  try {
    languages_->setReport(buildLanguageReport(store, experimentId, dataDir, kPermutations, &gains));
  } catch (const std::exception& e) {
    languages_->showNote(QString::fromUtf8(e.what()));
  }
}

void TransferTabs::showGainBars() { setCurrentWidget(gainBars_); }

QCustomPlot* TransferTabs::currentPlot() const {
  QWidget* shown = currentWidget();
  return shown == gainBars_  ? gainBars_->plot()
         : shown == heatmap_ ? heatmap_->plot()
                             : languages_->scatter()->plot();
}

}  // namespace twb

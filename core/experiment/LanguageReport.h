// LanguageReport: transfer gain per language against how far each language is from English,
// one point per language and (task, metric), with honest correlations (STATISTICS.md).
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <map>

#include "data/ParallelCorpus.h"
#include "experiment/Gains.h"
#include "langsim/LanguageTable.h"
#include "stats/Correlation.h"
#include "stats/Ols.h"
#include "store/RunStore.h"

namespace twb {

// One language in one (task, metric) group: its targets of that task averaged seed by seed, so
// two targets of one language never count as two points.
struct LanguagePoint {
  QString group;  // "retrieval/retrieval": task and metric; points compare only within one
  QString task;
  QString metric;
  QStringList targets;
  QString language;  // the code the experiment used
  QString name;
  MeanSd baseline;  // the targets' arm means averaged
  MeanSd transfer;
  MeanSd delta;  // over seeds (each seed's Δ averaged over the targets), with its t interval
  double gap = stats::kNaN;  // English minus the language (transfer arm, zero-shot targets)
  bool atChance = false;     // no target of it beats chance in either arm
  double chance = stats::kNaN;
  int pool = 0;                        // retrieval items or test examples a score is over
  double pretrainShare = stats::kNaN;  // the language's share of the pretraining text
  std::map<QString, double> distance;  // distance id -> value in [0, 1]; NaN when unknown
  std::map<QString, int> compared;     // distance id -> what it was computed over
  std::map<QString, double> raw;       // distance id -> differing features, km, edges
};

// Pearson and Spearman of a measure (Δ or the gap) against one distance, over a group's
// languages, with raw and Holm-adjusted p (across every test of the report), the bootstrap
// interval on r, and the partial correlation / OLS with the confounders.
struct DistanceCorrelation {
  QString group;
  QString metric;
  QString measure;  // "delta" | "gap"
  QString distance;
  QString standsFor;
  CorrelationResult pearson;
  CorrelationResult spearman;
  double pearsonHolm = stats::kNaN;
  double spearmanHolm = stats::kNaN;
  QStringList controls;  // what the partial correlation controls for
  double partialR = stats::kNaN;
  int partialN = 0;
  stats::OlsResult ols;  // measure ~ distance + controls
  int atChance = 0;      // of the languages, how many are at chance
};

struct LanguageReport {
  qint64 experimentId = 0;
  QString experiment;
  QString pivot = QStringLiteral("en");
  int permutations = kPermutations;
  QVector<LanguagePoint> points;
  QVector<DistanceCorrelation> correlations;
  QStringList distanceIds;  // in the table's order, then lexical
  QMap<QString, QString> standsFor;
  QStringList notes;  // groups too small, languages unknown, chance, ...
};

// Joins the stored gains of an experiment's language targets with the language table's
// distances from the pivot, one point per language and (task, metric), and correlates them.
// corpora: parallel corpora by catalog id, for the lexical distance from English on the
// targets that come from them; pretrainShares: each language's share of the pretraining text
// (empty when unknown, e.g. a checkpoint pretrained elsewhere). gains: the experiment's
// gainsFromStore when the caller has them already (they take a bootstrap per target); read
// from the store when null.
LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const LanguageTable& table, int permutations = kPermutations,
                                   const std::map<QString, ParallelCorpus>& corpora = {},
                                   const std::map<QString, double>& pretrainShares = {},
                                   const QVector<TargetGain>* gains = nullptr);

// The same with what the report reads from the data folder: the language table (throws
// InputError when it was never fetched), the fetched parallel corpora of the targets and the
// pretraining shares. What `twb report` and the window's Gain vs distance both show.
LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const QString& dataDir, int permutations = kPermutations,
                                   const QVector<TargetGain>* gains = nullptr);

// The catalog ids of the parallel corpora an experiment's retrieval and translation-pair
// targets use (a user's own parallel file has no lexical distance yet).
QStringList parallelCorporaOf(const RunStore& store, qint64 experimentId);

}  // namespace twb

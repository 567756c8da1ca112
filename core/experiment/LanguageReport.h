// LanguageReport: transfer gain per language against how far each language is from English.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <map>

#include "data/ParallelCorpus.h"
#include "experiment/Gains.h"
#include "langsim/Correlation.h"
#include "langsim/LanguageTable.h"
#include "store/RunStore.h"

namespace twb {

// One target language: its gain, its transfer gap (zero-shot targets) and its distances.
struct LanguagePoint {
  QString target;
  QString language;  // the code the experiment used
  QString name;
  TargetGain gain;
  double gap =
      std::numeric_limits<double>::quiet_NaN();  // English minus the language (transfer arm)
  std::map<QString, double> distance;            // distance id -> value in [0, 1]; NaN when unknown
  std::map<QString, int> compared;               // distance id -> what it was computed over
};

// Pearson and Spearman of a measure (Δ or the gap) against one distance kind, over languages.
struct DistanceCorrelation {
  QString metric;   // the targets' metric: languages are only compared within one metric
  QString measure;  // "delta" | "gap"
  QString distance;
  QString standsFor;
  CorrelationResult pearson;
  CorrelationResult spearman;
};

struct LanguageReport {
  qint64 experimentId = 0;
  QString experiment;
  QString pivot = QStringLiteral("en");
  QVector<LanguagePoint> points;
  QVector<DistanceCorrelation> correlations;
  QStringList distanceIds;  // in the table's order: genetic, syntactic, ...
  QStringList notes;        // languages the table does not know, and the like
};

// Joins the stored gains of an experiment's language targets with the language table's
// distances from the pivot, and correlates them per metric (permutation p-values, seeded).
// corpora: parallel corpora by catalog id, for LangRank's word overlap with English on the
// targets that come from them (retrieval targets); may be empty.
LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const LanguageTable& table, int permutations = 9999,
                                   const std::map<QString, ParallelCorpus>& corpora = {});

// The catalog ids of the parallel corpora an experiment's targets use.
QStringList parallelCorporaOf(const RunStore& store, qint64 experimentId);

}  // namespace twb

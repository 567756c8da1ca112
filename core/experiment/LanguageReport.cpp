#include "experiment/LanguageReport.h"

#include <cmath>

#include "experiment/StoredGains.h"
#include "langsim/Distances.h"

namespace twb {
namespace {

const QString kWordOverlap = QStringLiteral("word_overlap");

CorrelationResult correlateOver(const QVector<const LanguagePoint*>& points,
                                const DistanceCorrelation& c, CorrelationMethod method,
                                int permutations) {
  QVector<double> x, y;
  for (const LanguagePoint* p : points) {
    x << p->distance.at(c.distance);
    // A language whose arms never both finished has no Δ (summaries of nothing read 0).
    const double delta = p->gain.delta.n > 0 ? p->gain.delta.mean : NAN;
    y << (c.measure == QLatin1String("gap") ? p->gap : delta);
  }
  return correlate(x, y, method, permutations, /*seed=*/1);
}

// LangRank's word overlap between English and the language on the corpus's aligned items.
void addWordOverlap(LanguagePoint& point, const ParallelCorpus& corpus) {
  QStringList english, translated;
  for (const auto& [a, b] : corpus.aligned(point.language)) {
    english << a;
    translated << b;
  }
  const Distance overlap = wordOverlap(english, translated);
  point.distance[kWordOverlap] = overlap.known ? overlap.value : NAN;
  point.compared[kWordOverlap] = overlap.compared;
}

}  // namespace

QStringList parallelCorporaOf(const RunStore& store, qint64 experimentId) {
  QStringList ids;
  for (const auto& [name, t] : storedTargets(store, experimentId))
    if (t.task == QLatin1String("retrieval") && !t.dataset.isFile() && !ids.contains(t.dataset.id))
      ids << t.dataset.id;
  return ids;
}

LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const LanguageTable& table, int permutations,
                                   const std::map<QString, ParallelCorpus>& corpora) {
  LanguageReport report;
  report.experimentId = experimentId;
  if (const auto e = store.experiment(experimentId)) report.experiment = e->name;
  const Language* pivot = table.find(report.pivot);
  const auto targets = storedTargets(store, experimentId);
  std::map<QString, double> gapOf;
  for (const TransferGap& g : gapsFromStore(store, experimentId))
    if (g.transfer.n > 0) gapOf[g.target] = g.transfer.mean;

  QMap<QString, QString> standsFor;
  for (const TargetGain& gain : gainsFromStore(store, experimentId)) {
    if (gain.language.isEmpty() || gain.language == report.pivot) continue;
    LanguagePoint point;
    point.target = gain.target;
    point.language = gain.language;
    point.gain = gain;
    if (const auto it = gapOf.find(gain.target); it != gapOf.end()) point.gap = it->second;
    const Language* language = table.find(gain.language);
    if (!language || !pivot) {
      report.notes << QStringLiteral(
                          "%1: not in the language table (run `twb langs fetch`?); "
                          "its distances are unknown")
                          .arg(gain.language);
    } else {
      point.name = language->name;
      for (const NamedDistance& d : languageDistances(*pivot, *language)) {
        if (!report.distanceIds.contains(d.id)) report.distanceIds << d.id;
        standsFor[d.id] = d.standsFor;
        point.distance[d.id] = d.distance.known ? d.distance.value : NAN;
        point.compared[d.id] = d.distance.compared;
      }
    }
    if (const auto t = targets.find(gain.target); t != targets.end())
      if (const auto c = corpora.find(t->second.dataset.id); c != corpora.end()) {
        addWordOverlap(point, c->second);
        standsFor[kWordOverlap] = QStringLiteral(
            "LangRank word overlap: |V1 ∩ V2| / (|V1| + |V2|) on the parallel "
            "text (an overlap: higher is closer)");
        if (!report.distanceIds.contains(kWordOverlap)) report.distanceIds << kWordOverlap;
      }
    report.points.push_back(point);
  }
  for (LanguagePoint& p : report.points)
    for (const QString& id : report.distanceIds) p.distance.try_emplace(id, NAN);

  // Gains in different metrics (retrieval accuracy, classification accuracy) are not
  // comparable: correlate within each metric, over at least three languages.
  QMap<QString, QVector<const LanguagePoint*>> byMetric;
  for (const LanguagePoint& p : report.points)
    if (p.gain.delta.n > 0) byMetric[p.gain.metric] << &p;
  for (auto group = byMetric.cbegin(); group != byMetric.cend(); ++group) {
    if (group.value().size() < 3) {
      report.notes << QStringLiteral("%1: %2 language(s), too few to correlate")
                          .arg(group.key())
                          .arg(group.value().size());
      continue;
    }
    const bool anyGap = std::any_of(group.value().begin(), group.value().end(),
                                    [](const LanguagePoint* p) { return !std::isnan(p->gap); });
    for (const QString& measure : {QStringLiteral("delta"), QStringLiteral("gap")}) {
      if (measure == QLatin1String("gap") && !anyGap) continue;
      for (const QString& id : report.distanceIds) {
        DistanceCorrelation c{group.key(), measure, id, standsFor.value(id), {}, {}};
        c.pearson = correlateOver(group.value(), c, CorrelationMethod::Pearson, permutations);
        c.spearman = correlateOver(group.value(), c, CorrelationMethod::Spearman, permutations);
        report.correlations.push_back(c);
      }
    }
  }
  return report;
}

}  // namespace twb

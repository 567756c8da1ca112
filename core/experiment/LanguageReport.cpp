#include "experiment/LanguageReport.h"

#include <QSet>
#include <cmath>

#include "config/ExperimentLoader.h"
#include "data/Catalog.h"
#include "experiment/PretrainShares.h"
#include "experiment/StoredGains.h"
#include "langsim/Distances.h"
#include "stats/PairedTest.h"

namespace twb {
namespace {

const QString kLexical = QStringLiteral("lexical");

// The lexical distance between English and the language on the corpus's aligned items.
void addLexical(LanguagePoint& point, const ParallelCorpus& corpus) {
  QStringList english, translated;
  for (const auto& [a, b] : corpus.aligned(point.language)) {
    english << a;
    translated << b;
  }
  const Distance d = lexicalDistance(english, translated);
  point.distance[kLexical] = d.known ? d.value : NAN;
  point.compared[kLexical] = d.compared;
  point.raw[kLexical] = d.raw;
}

// The targets of one language in one group, merged: Δ seed by seed averaged over the targets.
LanguagePoint mergeTargets(const QVector<const TargetGain*>& gains) {
  LanguagePoint p;
  std::map<int, std::vector<double>> bySeed;
  std::vector<double> base, transfer;
  p.atChance = true;
  std::vector<double> chances;
  for (const TargetGain* g : gains) {
    p.targets << g->target;
    for (const auto& [seed, d] : g->deltaBySeed) bySeed[seed].push_back(d);
    if (g->baseline.n > 0) base.push_back(g->baseline.mean);
    if (g->transfer.n > 0) transfer.push_back(g->transfer.mean);
    p.atChance = p.atChance && g->atChance();
    if (!std::isnan(g->chance)) chances.push_back(g->chance);
    p.pool = std::max(p.pool, g->chanceTrials);
  }
  std::vector<double> deltas;
  for (const auto& [seed, values] : bySeed)
    if (values.size() == size_t(gains.size())) deltas.push_back(stats::summarize(values).mean);
  p.delta = stats::summarize(deltas);
  p.baseline = stats::summarize(base);
  p.transfer = stats::summarize(transfer);
  // One target: its own intervals; several: their means (the Δ interval is over seeds).
  if (gains.size() == 1) {
    p.baseline = gains.front()->baseline;
    p.transfer = gains.front()->transfer;
  }
  p.chance = chances.empty() ? stats::kNaN : stats::summarize(chances).mean;
  return p;
}

// The confounders a group's languages vary in: log pretraining share and log pool size; a
// control that is unknown for some language or the same for all is left out.
QVector<QVector<double>> controlsOf(const QVector<const LanguagePoint*>& points,
                                    QStringList* names) {
  QVector<QVector<double>> controls;
  auto add = [&](const QString& name, auto value) {
    QVector<double> column;
    QSet<double> distinct;
    for (const LanguagePoint* p : points) {
      const double v = value(*p);
      if (!std::isfinite(v)) return;
      column << v;
      distinct.insert(v);
    }
    if (distinct.size() < 2) return;
    controls << column;
    *names << name;
  };
  add(QStringLiteral("log pretraining share"), [](const LanguagePoint& p) {
    return p.pretrainShare > 0 ? std::log(p.pretrainShare) : stats::kNaN;
  });
  add(QStringLiteral("log pool size"),
      [](const LanguagePoint& p) { return p.pool > 0 ? std::log(double(p.pool)) : stats::kNaN; });
  return controls;
}

DistanceCorrelation correlateGroup(const QVector<const LanguagePoint*>& points,
                                   const QString& measure, const QString& distance,
                                   int permutations) {
  DistanceCorrelation c;
  c.group = points.front()->group;
  c.metric = points.front()->metric;
  c.measure = measure;
  c.distance = distance;
  QVector<double> x, y;
  for (const LanguagePoint* p : points) {
    x << p->distance.at(distance);
    y << (measure == QLatin1String("gap") ? p->gap : p->delta.mean);
    c.atChance += p->atChance ? 1 : 0;
  }
  c.pearson = correlate(x, y, CorrelationMethod::Pearson, permutations, /*seed=*/1);
  c.spearman = correlate(x, y, CorrelationMethod::Spearman, permutations, /*seed=*/1);
  const QVector<QVector<double>> controls = controlsOf(points, &c.controls);
  if (!controls.isEmpty()) {
    c.partialR = partialCorrelation(x, y, controls, &c.partialN);
    std::vector<double> ys;
    std::vector<std::vector<double>> columns(1 + size_t(controls.size()));
    for (qsizetype i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
      ys.push_back(y[i]);
      columns[0].push_back(x[i]);
      for (qsizetype k = 0; k < controls.size(); ++k)
        columns[size_t(k) + 1].push_back(controls[k][i]);
    }
    c.ols = stats::olsFit(ys, columns);
  }
  return c;
}

}  // namespace

QStringList parallelCorporaOf(const RunStore& store, qint64 experimentId) {
  QStringList ids;
  for (const auto& [name, t] : storedTargets(store, experimentId))
    if ((t.task == QLatin1String("retrieval") || t.task == QLatin1String("translation-pair")) &&
        !t.dataset.isFile() && !ids.contains(t.dataset.id))
      ids << t.dataset.id;
  return ids;
}

LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const LanguageTable& table, int permutations,
                                   const std::map<QString, ParallelCorpus>& corpora,
                                   const std::map<QString, double>& pretrainShares,
                                   const QVector<TargetGain>* knownGains) {
  LanguageReport report;
  report.experimentId = experimentId;
  report.permutations = permutations;
  if (const auto e = store.experiment(experimentId)) report.experiment = e->name;
  const Language* pivot = table.find(report.pivot);
  const auto targets = storedTargets(store, experimentId);
  std::map<QString, double> gapOf;
  for (const TransferGap& g : gapsFromStore(store, experimentId))
    if (g.transfer.n > 0) gapOf[g.target] = g.transfer.mean;

  // (group, language) -> the language's targets of that task and metric
  const QVector<TargetGain> gains = knownGains ? *knownGains : gainsFromStore(store, experimentId);
  std::map<std::pair<QString, QString>, QVector<const TargetGain*>> byLanguage;
  QVector<std::pair<QString, QString>> order;
  for (const TargetGain& g : gains) {
    if (g.language.isEmpty() || g.language == report.pivot) continue;
    const auto t = targets.find(g.target);
    const QString task = t != targets.end() ? t->second.task : QString();
    const std::pair<QString, QString> key{task + QLatin1Char('/') + g.metric, g.language};
    if (!byLanguage.count(key)) order << key;
    byLanguage[key] << &g;
  }
  QSet<QString> unknown;
  for (const auto& key : order) {
    const QVector<const TargetGain*>& group = byLanguage[key];
    LanguagePoint point = mergeTargets(group);
    point.group = key.first;
    point.task = key.first.section(QLatin1Char('/'), 0, 0);
    point.metric = group.front()->metric;
    point.language = key.second;
    std::vector<double> gaps;
    for (const TargetGain* g : group)
      if (const auto it = gapOf.find(g->target); it != gapOf.end()) gaps.push_back(it->second);
    if (!gaps.empty()) point.gap = stats::summarize(gaps).mean;
    if (const auto s = pretrainShares.find(point.language); s != pretrainShares.end())
      point.pretrainShare = s->second;
    const Language* language = table.find(point.language);
    if (!language || !pivot) {
      if (!unknown.contains(point.language))
        report.notes << QStringLiteral(
                            "%1: not in the language table (run `twb langs fetch`?); "
                            "its distances are unknown")
                            .arg(point.language);
      unknown.insert(point.language);
    } else {
      point.name = language->name;
      for (const NamedDistance& d : languageDistances(*pivot, *language)) {
        if (!report.distanceIds.contains(d.id)) report.distanceIds << d.id;
        report.standsFor[d.id] = d.standsFor;
        point.distance[d.id] = d.distance.known ? d.distance.value : NAN;
        point.compared[d.id] = d.distance.compared;
        point.raw[d.id] = d.distance.raw;
      }
    }
    if (const auto t = targets.find(group.front()->target); t != targets.end())
      if (const auto c = corpora.find(t->second.dataset.id); c != corpora.end()) {
        addLexical(point, c->second);
        report.standsFor[kLexical] = QStringLiteral(
            "1 - Dice overlap of word types (characters for scripts without spaces) between "
            "English and the language on the parallel text (after LangRank word overlap)");
        if (!report.distanceIds.contains(kLexical)) report.distanceIds << kLexical;
      }
    report.points.push_back(point);
  }
  for (LanguagePoint& p : report.points)
    for (const QString& id : report.distanceIds) p.distance.try_emplace(id, NAN);

  // Scores of different tasks (retrieval accuracy, classification accuracy) are not comparable:
  // correlate within each group, over at least kMinCorrelationPairs languages.
  QMap<QString, QVector<const LanguagePoint*>> byGroup;
  for (const LanguagePoint& p : report.points)
    if (p.delta.n > 0) byGroup[p.group] << &p;
  for (auto group = byGroup.cbegin(); group != byGroup.cend(); ++group) {
    const auto& points = group.value();
    if (points.size() < kMinCorrelationPairs) {
      report.notes << QStringLiteral(
                          "%1: %2 language(s), fewer than the %3 a correlation needs; "
                          "not computed")
                          .arg(group.key())
                          .arg(points.size())
                          .arg(kMinCorrelationPairs);
      continue;
    }
    const int atChance = static_cast<int>(std::count_if(
        points.begin(), points.end(), [](const LanguagePoint* p) { return p->atChance; }));
    if (2 * atChance > points.size())
      report.notes << QStringLiteral(
                          "%1: %2 of %3 languages score no better than chance in either arm: "
                          "their Δ compares guesses, so a correlation over them describes noise, "
                          "not transfer")
                          .arg(group.key())
                          .arg(atChance)
                          .arg(points.size());
    const bool anyGap = std::any_of(points.begin(), points.end(),
                                    [](const LanguagePoint* p) { return !std::isnan(p->gap); });
    for (const QString& measure : {QStringLiteral("delta"), QStringLiteral("gap")}) {
      if (measure == QLatin1String("gap") && !anyGap) continue;
      for (const QString& id : report.distanceIds) {
        DistanceCorrelation c = correlateGroup(points, measure, id, permutations);
        c.standsFor = report.standsFor.value(id);
        report.correlations.push_back(c);
      }
    }
  }
  // Holm across every test the report prints: measures x distances x both methods x groups.
  std::vector<double> p;
  for (const DistanceCorrelation& c : report.correlations) {
    p.push_back(c.pearson.p);
    p.push_back(c.spearman.p);
  }
  const std::vector<double> adjusted = stats::holmAdjust(p);
  for (qsizetype i = 0; i < report.correlations.size(); ++i) {
    report.correlations[i].pearsonHolm = adjusted[2 * size_t(i)];
    report.correlations[i].spearmanHolm = adjusted[2 * size_t(i) + 1];
  }
  return report;
}

LanguageReport buildLanguageReport(const RunStore& store, qint64 experimentId,
                                   const QString& dataDir, int permutations,
                                   const QVector<TargetGain>* gains) {
  const LanguageTable table = LanguageTable::load(dataDir);
  std::map<QString, ParallelCorpus> corpora;  // for the lexical distance from English
  const Catalog catalog(dataDir);
  for (const QString& corpus : parallelCorporaOf(store, experimentId))
    if (catalog.isFetched(corpus)) corpora[corpus] = catalog.loadParallel(corpus);
  std::map<QString, double> shares;
  if (const auto e = store.experiment(experimentId)) {
    try {
      shares = pretrainingShares(parseExperiment(e->yamlText, QString()), dataDir);
    } catch (const std::exception&) {
      // a stored YAML this version no longer reads: the shares stay unknown
    }
  }
  return buildLanguageReport(store, experimentId, table, permutations, corpora, shares, gains);
}

}  // namespace twb

#include "experiment/Plan.h"

#include <QSet>

#include "common/InputError.h"
#include "data/Catalog.h"
#include "data/DatasetReader.h"
#include "data/ParallelCorpus.h"
#include "data/Splitter.h"

namespace twb {
namespace {

Dataset loadRef(const DatasetRef& ref, const QString& task, const Catalog& catalog,
                TaskState& state);

// A retrieval target: the parallel corpus's (English, language) pairs.
PlannedTask planRetrieval(const TargetSpec& target, const ExperimentSpec& experiment,
                          const Catalog& catalog, TaskState& state) {
  const QString where = experiment.sourcePath;
  if (target.dataset.isFile() || !Catalog::isParallel(target.dataset.id))
    throw InputError(where, 0, 0,
                     QStringLiteral("target %1: retrieval needs a parallel corpus (udhr, "
                                    "cldr-names, gtk-strings), not %2")
                         .arg(target.name(), target.dataset.name()));
  if (target.dataset.language.isEmpty())
    throw InputError(where, 0, 0,
                     QStringLiteral("target %1: say which language to retrieve "
                                    "(language: de, or languages: [de, fr, ...])")
                         .arg(target.name()));
  if (!catalog.isFetched(target.dataset.id))
    state.log(QStringLiteral("fetching dataset %1").arg(target.dataset.id));
  const ParallelCorpus corpus = catalog.loadParallel(
      target.dataset.id, [&state](const QString& line, double) { state.log(line); });
  PlannedTask planned;
  planned.name = target.name();
  planned.task = target.task;
  planned.language = target.dataset.language;
  planned.setting = QStringLiteral("zero-shot");
  planned.pairs = corpus.aligned(target.dataset.language);
  if (planned.pairs.size() < 2)
    throw InputError(
        where, 0, 0,
        QStringLiteral("target %1: %2 has %3 items in '%4' aligned with English; "
                       "languages there: %5")
            .arg(planned.name, target.dataset.id)
            .arg(planned.pairs.size())
            .arg(target.dataset.language, corpus.languages.join(QStringLiteral(", "))));
  return planned;
}

// A sentence-pair target from a parallel corpus: is the second text the first one's
// translation? Each aligned item gives a translation pair and a mismatched pair (the
// English item with another item's translation), so the classes are balanced.
PlannedTask planTranslationPairs(const TargetSpec& target, const ExperimentSpec& experiment,
                                 const Catalog& catalog, TaskState& state) {
  PlannedTask planned = planRetrieval(target, experiment, catalog, state);
  const auto& pairs = planned.pairs;
  const qsizetype n = pairs.size();
  planned.setting = QStringLiteral("target");  // trained on the language's own pairs
  planned.epochs = target.epochs > 0 ? target.epochs : experiment.train.epochs;
  planned.data.name = planned.name;
  planned.data.language = planned.language;
  planned.data.source = target.dataset.id;
  planned.data.labels = {QStringLiteral("other"), QStringLiteral("translation")};
  for (qsizetype i = 0; i < n; ++i) {
    const qsizetype j = (i + 1 + (i * 7919) % (n - 1)) % n;  // any item but i, spread out
    planned.data.examples.push_back({pairs[i].first, pairs[i].second, 1, NAN});
    planned.data.examples.push_back({pairs[i].first, pairs[j].second, 0, NAN});
  }
  planned.pairs.clear();
  for (int seed : experiment.protocol.seeds)
    planned.splits[seed] = splitDataset(planned.data, experiment.protocol, seed);
  return planned;
}

Dataset loadRef(const DatasetRef& ref, const QString& task, const Catalog& catalog,
                TaskState& state) {
  if (ref.isFile()) return readDataset(ref, task);
  if (!catalog.isFetched(ref.id)) state.log(QStringLiteral("fetching dataset %1").arg(ref.id));
  Dataset data = catalog.load(ref.id, [&state](const QString& line, double) { state.log(line); });
  if (!ref.language.isEmpty()) data.language = ref.language;
  return data;
}

PlannedTask planTask(const QString& name, const TaskSpec& spec, const ExperimentSpec& experiment,
                     const Catalog& catalog, TaskState& state) {
  PlannedTask planned;
  planned.name = name;
  planned.task = spec.task;
  planned.epochs = spec.epochs > 0 ? spec.epochs : experiment.train.epochs;
  planned.data = loadRef(spec.dataset, spec.task, catalog, state);
  const bool wantsScores = planned.regression();
  if (wantsScores != planned.data.isRegression())
    throw InputError(experiment.sourcePath, 0, 0,
                     QStringLiteral("dataset %1 has %2 but its task '%3' needs %4")
                         .arg(planned.data.name, wantsScores ? "labels" : "no labels", spec.task,
                              wantsScores ? "similarity scores" : "labels"));
  if (!wantsScores && planned.data.labels.size() < 2)
    throw InputError(experiment.sourcePath, 0, 0,
                     QStringLiteral("dataset %1 has only one label (%2): nothing to classify")
                         .arg(planned.data.name, planned.data.labels.value(0)));
  for (int seed : experiment.protocol.seeds)
    planned.splits[seed] = splitDataset(planned.data, experiment.protocol, seed);
  return planned;
}

}  // namespace

ExperimentPlan planExperiment(const ExperimentSpec& spec, const QString& dataDir,
                              TaskState& state) {
  const Catalog catalog(dataDir);
  ExperimentPlan plan;
  for (const DatasetRef& ref : spec.pretrain.text) {
    if (!ref.isFile() && Catalog::isParallel(ref.id)) {
      // Every language of a parallel corpus, each its own group for language sampling.
      const ParallelCorpus corpus =
          catalog.loadParallel(ref.id, [&state](const QString& line, double) { state.log(line); });
      for (const auto& [language, items] : corpus.texts) {
        Dataset text;
        text.name = ref.id + QLatin1Char('/') + language;
        text.language = language;
        for (const auto& [key, value] : items) text.examples.push_back({value, {}, -1, NAN});
        plan.pretrainText.push_back(std::move(text));
      }
      continue;
    }
    plan.pretrainText.push_back(loadRef(ref, QStringLiteral("text"), catalog, state));
  }
  if (spec.intermediate)
    plan.intermediate =
        planTask(spec.intermediate->dataset.name(), *spec.intermediate, spec, catalog, state);
  for (const TargetSpec& target : spec.targets) {
    if (target.task == QLatin1String("retrieval")) {
      plan.targets.push_back(planRetrieval(target, spec, catalog, state));
      continue;
    }
    if (target.task == QLatin1String("translation-pair")) {
      plan.targets.push_back(planTranslationPairs(target, spec, catalog, state));
      continue;
    }
    if (target.setting == QLatin1String("zero-shot")) {
      // Train (and select) on the English source; test on the target language's test part.
      TaskSpec source = target;
      source.dataset = *target.source;
      PlannedTask planned = planTask(target.name(), source, spec, catalog, state);
      const PlannedTask evaluated = planTask(target.name(), target, spec, catalog, state);
      if (evaluated.data.labels != planned.data.labels)
        throw InputError(spec.sourcePath, 0, 0,
                         QStringLiteral("target %1: zero-shot needs the source's labels (%2) and "
                                        "the target's (%3) to be the same")
                             .arg(target.name(), planned.data.labels.join(QLatin1Char(',')),
                                  evaluated.data.labels.join(QLatin1Char(','))));
      planned.evalSplits = evaluated.splits;
      planned.setting = target.setting;
      planned.language =
          target.dataset.language.isEmpty() ? evaluated.data.language : target.dataset.language;
      plan.targets.push_back(std::move(planned));
      continue;
    }
    PlannedTask planned = planTask(target.name(), target, spec, catalog, state);
    planned.language =
        target.dataset.language.isEmpty() ? planned.data.language : target.dataset.language;
    plan.targets.push_back(std::move(planned));
  }

  // Runs are keyed by target name: two targets with one name would share their runs.
  QSet<QString> names;
  for (const PlannedTask& target : plan.targets) {
    if (names.contains(target.name))
      throw InputError(spec.sourcePath, 0, 0,
                       QStringLiteral("target %1 appears twice; give one of them a domain to "
                                      "tell them apart")
                           .arg(target.name));
    names.insert(target.name);
  }
  if (plan.intermediate) {
    const int seed = spec.protocol.seeds.value(0, 1);
    const qsizetype intermediateSize = plan.intermediate->splits[seed].train.size();
    for (const PlannedTask& target : plan.targets) {
      if (target.retrieval()) continue;
      const qsizetype targetSize = target.splits.at(seed).train.size();
      if (intermediateSize < 10 * targetSize)
        plan.warnings << QStringLiteral(
                             "intermediate set %1 (%2 training examples) is not ten times the "
                             "size of target %3 (%4): the study's condition does not hold")
                             .arg(plan.intermediate->name)
                             .arg(intermediateSize)
                             .arg(target.name)
                             .arg(targetSize);
    }
  }
  return plan;
}

}  // namespace twb

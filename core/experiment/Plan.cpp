#include "experiment/Plan.h"

#include <QSet>
#include <algorithm>
#include <map>

#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "data/Catalog.h"
#include "data/DatasetReader.h"
#include "data/PairSplitter.h"
#include "data/ParallelCorpus.h"
#include "data/Splitter.h"
#include "plugin/PluginRegistry.h"

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
                     QStringLiteral("target %1: %2 needs a parallel corpus (udhr, "
                                    "cldr-names, gtk-strings)%3, not %4")
                         .arg(target.name(), target.task,
                              target.task == QLatin1String("translation-pair")
                                  ? QStringLiteral(" or your own file with a column per language")
                                  : QString(),
                              target.dataset.name()));
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
  planned.setting = vocab::name(vocab::Setting::ZeroShot);
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

// A sentence-pair target from parallel text, a catalog corpus or the user's file with one column
// per language: is the second text the first one's translation? Split by aligned item first,
// so that no text of a test pair is trained on, then each part pairs every English item with
// its translation and with the translation of another item of the same part.
PlannedTask planTranslationPairs(const TargetSpec& target, const ExperimentSpec& experiment,
                                 const Catalog& catalog, TaskState& state) {
  const DatasetRef& ref = target.dataset;
  AlignedPairs items;
  if (ref.isFile()) {
    const QString column = ref.pairColumn.isEmpty() ? ref.language : ref.pairColumn;
    if (column.isEmpty())
      throw InputError(experiment.sourcePath, 0, 0,
                       QStringLiteral("target %1: say which column of %2 holds the translation "
                                      "(language: de, or text_pair in the dataset)")
                           .arg(target.name(), ref.path));
    items = readAlignedPairs(ref, ref.textColumn, column);
  } else {
    items = planRetrieval(target, experiment, catalog, state).pairs;
  }
  qsizetype repeated = 0;
  items = distinctItems(items, &repeated);
  if (repeated > 0)
    state.log(QStringLiteral("target %1: %2 aligned items repeat an earlier item's English or "
                             "translated text and are left out")
                  .arg(target.name())
                  .arg(repeated));

  PlannedTask planned;
  planned.name = target.name();
  planned.task = target.task;
  planned.language = ref.language;
  planned.epochs = taskEpochs(target, experiment.train);
  planned.data.name = planned.name;
  planned.data.language = planned.language;
  planned.data.source = ref.isFile() ? ref.path : ref.id;
  planned.data.labels = translationPairLabels();
  for (int seed : experiment.protocol.seeds)
    planned.splits[seed] = splitTranslationPairs(items, experiment.protocol, seed,
                                                 QStringLiteral("target ") + planned.name);
  return planned;
}

// Retrieval accuracy depends on the pool (chance is 1 / pool): every language of one corpus is
// evaluated on the items all of them share, so their scores and chance levels compare.
void shareRetrievalItems(ExperimentPlan& plan, const QString& corpus,
                         const std::vector<size_t>& indices, const ExperimentSpec& spec,
                         TaskState& state) {
  if (indices.size() < 2) return;
  QSet<QString> shared;
  for (size_t k = 0; k < indices.size(); ++k) {
    QSet<QString> english;
    for (const auto& [en, text] : plan.targets[indices[k]].pairs) english.insert(en);
    shared = k == 0 ? english : shared.intersect(english);
  }
  qsizetype largest = 0;
  for (size_t i : indices) largest = std::max(largest, plan.targets[i].pairs.size());
  if (shared.size() < 2)
    throw InputError(spec.sourcePath, 0, 0,
                     QStringLiteral("retrieval on %1: its %2 languages share %3 aligned item(s); "
                                    "at least 2 are needed to retrieve anything")
                         .arg(corpus)
                         .arg(indices.size())
                         .arg(shared.size()));
  for (size_t i : indices) {
    auto& pairs = plan.targets[i].pairs;
    pairs.erase(
        std::remove_if(pairs.begin(), pairs.end(),
                       [&](const QPair<QString, QString>& p) { return !shared.contains(p.first); }),
        pairs.end());
  }
  state.log(QStringLiteral("retrieval on %1: %2 languages, each evaluated on the %3 items all of "
                           "them share (of up to %4): chance 1/%3")
                .arg(corpus)
                .arg(indices.size())
                .arg(shared.size())
                .arg(largest));
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
  planned.epochs = taskEpochs(spec, experiment.train);
  const sdk::Task* definition = PluginRegistry::instance().task(spec.task);
  DatasetRef ref = spec.dataset;
  // A task's fixed label set (a plugin's): a label outside it is an error naming the file and line,
  // and a dataset declaring or bringing other labels is refused.
  const QStringList fixed = definition ? definition->labels() : QStringList();
  if (!fixed.isEmpty() && !ref.labels.isEmpty() && ref.labels != fixed)
    throw InputError(experiment.sourcePath, 0, 0,
                     QStringLiteral("%1: task '%2' has the labels [%3] in that order; the dataset "
                                    "declares [%4]")
                         .arg(name, spec.task, fixed.join(QStringLiteral(", ")),
                              ref.labels.join(QStringLiteral(", "))));
  if (!fixed.isEmpty() && ref.isFile()) ref.labels = fixed;
  planned.data = loadRef(ref, spec.task, catalog, state);
  if (!fixed.isEmpty() && planned.data.labels != fixed)
    throw InputError(planned.data.source, 0, 0,
                     QStringLiteral("task '%1' has the labels [%2]; dataset %3 has [%4]")
                         .arg(spec.task, fixed.join(QStringLiteral(", ")), planned.data.name,
                              planned.data.labels.join(QStringLiteral(", "))));
  if (definition && definition->needsPairs() && !planned.data.hasPairs())
    throw InputError(planned.data.source, 0, 0,
                     QStringLiteral("task '%1' needs pairs of texts: name the second text's "
                                    "column with text_pair in the dataset's map")
                         .arg(spec.task));
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

bool PlannedTask::regression() const { return taskPredictsScores(task); }

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
  std::map<QString, std::vector<size_t>> retrievalByCorpus;  // corpus id -> target indices
  for (const TargetSpec& target : spec.targets) {
    if (target.task == QLatin1String("retrieval")) {
      retrievalByCorpus[target.dataset.id].push_back(plan.targets.size());
      plan.targets.push_back(planRetrieval(target, spec, catalog, state));
      continue;
    }
    if (target.task == QLatin1String("translation-pair")) {
      plan.targets.push_back(planTranslationPairs(target, spec, catalog, state));
      continue;
    }
    if (vocab::is(target.setting, vocab::Setting::ZeroShot)) {
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

  for (const auto& [corpus, indices] : retrievalByCorpus)
    shareRetrievalItems(plan, corpus, indices, spec, state);

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
  // Before the size check: dropping contaminated examples shrinks the training parts.
  checkContamination(plan, spec, state);
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

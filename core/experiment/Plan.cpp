#include "experiment/Plan.h"

#include "common/InputError.h"
#include "data/Catalog.h"
#include "data/DatasetReader.h"
#include "data/Splitter.h"

namespace twb {
namespace {

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
  for (const DatasetRef& ref : spec.pretrain.text)
    plan.pretrainText.push_back(loadRef(ref, QStringLiteral("text"), catalog, state));
  if (spec.intermediate)
    plan.intermediate =
        planTask(spec.intermediate->dataset.name(), *spec.intermediate, spec, catalog, state);
  for (const TargetSpec& target : spec.targets)
    plan.targets.push_back(planTask(target.name(), target, spec, catalog, state));

  if (plan.intermediate) {
    const int seed = spec.protocol.seeds.value(0, 1);
    const qsizetype intermediateSize = plan.intermediate->splits[seed].train.size();
    for (const PlannedTask& target : plan.targets) {
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

// Plan: an experiment's datasets loaded, checked and split for every seed, before any training.
#pragma once

#include <QStringList>
#include <map>
#include <optional>
#include <vector>

#include "common/TaskState.h"
#include "common/Vocabulary.h"
#include "config/ExperimentSpec.h"
#include "data/Example.h"
#include "experiment/Contamination.h"

namespace twb {

struct PlannedTask {
  QString name;      // shown in tables: the target name, or the intermediate dataset's name
  QString task;      // classification | sentiment | similarity | retrieval | translation-pair
  QString language;  // the target's language, when known
  QString setting = vocab::name(vocab::Setting::Target);  // a vocab::Setting name
  int epochs = 0;  // resolved: the stage's own, else train.epochs
  Dataset data;    // translation-pair: name and labels only; each seed draws its own pairs
  std::map<int, Split> splits;      // by seed: the data trained on (the source, for zero-shot)
  std::map<int, Split> evalSplits;  // zero-shot: the target language's splits, tested on
  QVector<QPair<QString, QString>> pairs;  // retrieval: (English item, its translation)

  bool regression() const;  // the task predicts scores (similarity, or a plugin's)
  bool retrieval() const { return task == QLatin1String("retrieval"); }
  bool zeroShot() const { return vocab::is(setting, vocab::Setting::ZeroShot); }
  // Where the test score comes from.
  const Split& testSplit(int seed) const {
    return zeroShot() && !retrieval() ? evalSplits.at(seed) : splits.at(seed);
  }
};

struct ExperimentPlan {
  std::vector<Dataset> pretrainText;
  std::optional<PlannedTask> intermediate;
  std::vector<PlannedTask> targets;
  QStringList warnings;
  // The contamination check, per target and seed; what it dropped in all (pretraining text is
  // shared by every target and seed, the intermediate training part by every target of a seed).
  std::vector<ContaminationCount> contamination;
  qsizetype pretrainDropped = 0;
  std::map<int, qsizetype> intermediateDropped;  // by seed
};

// Loads every dataset (fetching catalog ones not yet cached), checks that each fits its task,
// splits it for every seed and runs the contamination check (checkContamination), which drops
// training inputs holding a test text unless protocol.decontaminate is false. Throws
// InputError naming the dataset, file and line.
ExperimentPlan planExperiment(const ExperimentSpec& spec, const QString& dataDir, TaskState& state);

}  // namespace twb

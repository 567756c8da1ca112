#include "experiment/Contamination.h"

#include <QHash>
#include <QStringList>
#include <algorithm>
#include <map>
#include <vector>

#include "common/InputError.h"
#include "common/TaskState.h"
#include "data/TextKey.h"
#include "experiment/Plan.h"

namespace twb {
namespace {

// What a test example is looked up by: its text, its pair and the two together.
QStringList testKeys(const QString& text, const QString& pair) {
  QStringList keys{textKey(text)};
  if (!pair.isEmpty()) keys << textKey(pair) << textKey(text + QLatin1Char(' ') + pair);
  keys.removeAll(QString());
  return keys;
}

// What a training example is found by: the test keys, and each line of a text of several lines
// (a document of pretraining text may hold a test sentence as one of its lines).
QStringList trainingKeys(const QString& text, const QString& pair) {
  QStringList keys = testKeys(text, pair);
  for (const QString* part : {&text, &pair})
    if (part->contains(QLatin1Char('\n')))
      for (const QString& line : part->split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        keys << textKey(line);
  keys.removeAll(QString());
  return keys;
}

// Training examples by key, built once per training input and looked up by every test part.
class KeyIndex {
 public:
  void add(qsizetype example, const QString& text, const QString& pair) {
    for (const QString& key : trainingKeys(text, pair)) {
      QVector<qsizetype>& holders = where_[key];
      if (holders.isEmpty() || holders.back() != example) holders << example;
    }
    size_ = std::max(size_, example + 1);
  }
  qsizetype size() const { return size_; }
  const QVector<qsizetype>* find(const QString& key) const {
    const auto found = where_.constFind(key);
    return found == where_.constEnd() ? nullptr : &*found;
  }

 private:
  QHash<QString, QVector<qsizetype>> where_;
  qsizetype size_ = 0;
};

KeyIndex indexOf(const QVector<Example>& examples) {
  KeyIndex index;
  for (qsizetype i = 0; i < examples.size(); ++i) index.add(i, examples[i].text, examples[i].pair);
  return index;
}

// A test part looked up in one training input.
struct Found {
  qsizetype tests = 0;  // test examples with a key in the input
  QVector<bool> hit;    // per training example: it holds a test text
  qsizetype hits = 0;
};

template <typename Tests>
Found lookUp(const Tests& tests, const KeyIndex& index) {
  Found found;
  found.hit.fill(false, index.size());
  for (const auto& test : tests) {
    bool seen = false;
    for (const QString& key : testKeys(test.first, test.second)) {
      const QVector<qsizetype>* holders = index.find(key);
      if (!holders) continue;
      seen = true;
      for (qsizetype i : *holders) found.hit[i] = true;
    }
    found.tests += seen;
  }
  found.hits = found.hit.count(true);
  return found;
}

QVector<QPair<QString, QString>> textsOf(const QVector<Example>& examples) {
  QVector<QPair<QString, QString>> texts;
  texts.reserve(examples.size());
  for (const Example& e : examples) texts.push_back({e.text, e.pair});
  return texts;
}

void orInto(QVector<bool>& into, const QVector<bool>& hit) {
  for (qsizetype i = 0; i < hit.size(); ++i) into[i] = into[i] || hit[i];
}

QVector<Example> without(const QVector<Example>& examples, const QVector<bool>& drop) {
  QVector<Example> kept;
  kept.reserve(examples.size());
  for (qsizetype i = 0; i < examples.size(); ++i)
    if (!drop[i]) kept << examples[i];
  return kept;
}

QString logLine(const PlannedTask& target, const std::vector<ContaminationCount>& rows,
                bool dropping) {
  qsizetype found = 0, dropped = 0;
  for (const ContaminationCount& c : rows) {
    found += c.inPretrain + c.inIntermediate + c.inOwnTrain;
    dropped += c.droppedPretrain + c.droppedIntermediate + c.droppedOwnTrain;
  }
  QString line = QStringLiteral("contamination check, %1: ").arg(target.name);
  if (target.retrieval()) {
    const ContaminationCount& c = rows.front();
    line += QStringLiteral("%1 of %2 aligned items are in the pretraining text")
                .arg(c.inPretrain)
                .arg(c.testExamples);
    if (dropping && c.droppedPretrain > 0)
      line +=
          QStringLiteral("; %1 pretraining examples holding them dropped").arg(c.droppedPretrain);
  } else {
    QStringList seeds;
    for (const ContaminationCount& c : rows)
      seeds << QStringLiteral("seed %1 %2/%3/%4 of %5")
                   .arg(c.seed)
                   .arg(c.inPretrain)
                   .arg(c.inIntermediate)
                   .arg(c.inOwnTrain)
                   .arg(c.testExamples);
    line +=
        QStringLiteral("test examples also in pretraining text/intermediate train/own train: ") +
        seeds.join(QStringLiteral(", "));
    if (dropping && dropped > 0) {
      QStringList drops;
      for (const ContaminationCount& c : rows)
        drops << QStringLiteral("seed %1 %2/%3/%4")
                     .arg(c.seed)
                     .arg(c.droppedPretrain)
                     .arg(c.droppedIntermediate)
                     .arg(c.droppedOwnTrain);
      line += QStringLiteral("; training examples dropped: ") + drops.join(QStringLiteral(", "));
    }
  }
  if (!dropping && found > 0) line += QStringLiteral("; kept (protocol.decontaminate: false)");
  return line;
}

[[noreturn]] void nothingLeft(const ExperimentSpec& spec, const QString& what) {
  throw InputError(spec.sourcePath, 0, 0,
                   QStringLiteral("every %1 holds a target's test text, so dropping them (the "
                                  "contamination check) leaves nothing to train on; use other "
                                  "data, or set protocol.decontaminate: false to keep them")
                       .arg(what));
}

}  // namespace

void checkContamination(ExperimentPlan& plan, const ExperimentSpec& spec, TaskState& state) {
  const bool dropping = spec.protocol.decontaminate;
  // The pretraining text as one sequence of examples, dataset after dataset.
  KeyIndex pretrain;
  qsizetype pretrainSize = 0;
  for (const Dataset& d : plan.pretrainText)
    for (const Example& e : d.examples) pretrain.add(pretrainSize++, e.text, e.pair);
  QVector<bool> dropPretrain(pretrainSize, false);
  std::map<int, KeyIndex> intermediate;
  std::map<int, QVector<bool>> dropIntermediate;
  if (plan.intermediate)
    for (int seed : spec.protocol.seeds) {
      const QVector<Example>& train = plan.intermediate->splits.at(seed).train;
      intermediate[seed] = indexOf(train);
      dropIntermediate[seed].fill(false, train.size());
    }

  plan.contamination.clear();
  for (PlannedTask& target : plan.targets) {
    std::vector<ContaminationCount> rows;
    const Found items =
        target.retrieval() ? lookUp(target.pairs, pretrain) : Found{};  // not seeded
    for (int seed : spec.protocol.seeds) {
      ContaminationCount count;
      count.target = target.name;
      count.seed = seed;
      if (target.retrieval()) {
        count.testExamples = target.pairs.size();
        count.inPretrain = items.tests;
        if (dropping) count.droppedPretrain = items.hits;
        rows.push_back(count);
        continue;
      }
      const QVector<QPair<QString, QString>> tests = textsOf(target.testSplit(seed).test);
      count.testExamples = tests.size();
      const Found inPretrain = lookUp(tests, pretrain);
      count.inPretrain = inPretrain.tests;
      orInto(dropPretrain, inPretrain.hit);
      if (plan.intermediate) {
        const Found inIntermediate = lookUp(tests, intermediate.at(seed));
        count.inIntermediate = inIntermediate.tests;
        orInto(dropIntermediate.at(seed), inIntermediate.hit);
        if (dropping) count.droppedIntermediate = inIntermediate.hits;
      }
      QVector<Example>& train = target.splits.at(seed).train;
      const Found inOwn = lookUp(tests, indexOf(train));
      count.inOwnTrain = inOwn.tests;
      if (dropping) {
        count.droppedPretrain = inPretrain.hits;
        count.droppedOwnTrain = inOwn.hits;
        train = without(train, inOwn.hit);
        if (train.isEmpty())
          nothingLeft(
              spec,
              QStringLiteral("training example of target %1 (seed %2)").arg(target.name).arg(seed));
      }
      rows.push_back(count);
    }
    if (target.retrieval()) orInto(dropPretrain, items.hit);
    state.log(logLine(target, rows, dropping));
    plan.contamination.insert(plan.contamination.end(), rows.begin(), rows.end());
  }
  if (!dropping) return;

  qsizetype at = 0;
  for (Dataset& d : plan.pretrainText) {
    const QVector<bool> drop(dropPretrain.begin() + at,
                             dropPretrain.begin() + at + d.examples.size());
    at += d.examples.size();
    d.examples = without(d.examples, drop);
  }
  const bool hadPretrainText = pretrainSize > 0;
  // A language whose every example went has nothing to sample: it leaves the pretraining text.
  plan.pretrainText.erase(std::remove_if(plan.pretrainText.begin(), plan.pretrainText.end(),
                                         [](const Dataset& d) { return d.examples.isEmpty(); }),
                          plan.pretrainText.end());
  if (hadPretrainText && plan.pretrainText.empty() && spec.pretrain.enabled())
    nothingLeft(spec, QStringLiteral("pretraining example"));
  for (auto& [seed, drop] : dropIntermediate) {
    QVector<Example>& train = plan.intermediate->splits.at(seed).train;
    train = without(train, drop);
    if (train.isEmpty())
      nothingLeft(spec, QStringLiteral("training example of the intermediate task %1 (seed %2)")
                            .arg(plan.intermediate->name)
                            .arg(seed));
  }
  plan.pretrainDropped = dropPretrain.count(true);
  QStringList intermediateDrops;
  qsizetype anyIntermediate = 0;
  for (const auto& [seed, drop] : dropIntermediate) {
    plan.intermediateDropped[seed] = drop.count(true);
    anyIntermediate += plan.intermediateDropped[seed];
    intermediateDrops << QStringLiteral("seed %1 %2").arg(seed).arg(plan.intermediateDropped[seed]);
  }
  if (plan.pretrainDropped > 0 || anyIntermediate > 0)
    state.log(QStringLiteral("contamination check: dropped %1 of %2 pretraining examples%3")
                  .arg(plan.pretrainDropped)
                  .arg(pretrainSize)
                  .arg(intermediateDrops.isEmpty()
                           ? QString()
                           : QStringLiteral("; intermediate training examples: ") +
                                 intermediateDrops.join(QStringLiteral(", "))));
}

}  // namespace twb

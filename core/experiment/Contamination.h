// Contamination: each target's test texts looked for in what the runs train on (pretraining
// text, the intermediate task's training part, the target's own training part), counted and,
// unless the protocol says otherwise, dropped from those training inputs before any training.
#pragma once

#include <QString>
#include <QtGlobal>

namespace twb {

struct ExperimentPlan;
struct ExperimentSpec;
class TaskState;

// One target and seed. A test example is found in a training input when its text, its pair or
// the two together equal (by textKey: spacing and case aside) a training example's text, pair,
// the two together, or one line of a text of several lines.
struct ContaminationCount {
  QString target;
  int seed = 0;
  qsizetype testExamples = 0;    // test examples checked; retrieval: the aligned items
  qsizetype inPretrain = 0;      // of those, found in the pretraining text
  qsizetype inIntermediate = 0;  // found in the intermediate task's training part of the seed
  qsizetype inOwnTrain = 0;      // found in the target's training part (zero-shot: the source's)
  // Training inputs dropped because they hold one of these test texts; 0 when
  // protocol.decontaminate is false. Pretraining text is shared by every target and seed, so an
  // example dropped for one target's test texts may be counted under other targets too.
  qsizetype droppedPretrain = 0;
  qsizetype droppedIntermediate = 0;
  qsizetype droppedOwnTrain = 0;
};

// Fills plan.contamination (targets in plan order, each with its seeds in protocol order) and
// logs one line per target. Retrieval targets train nothing: only the pretraining text is
// checked for their items (the same counts under every seed). When spec.protocol.decontaminate
// holds, drops the matching pretraining examples (for any target and seed), intermediate
// training examples (per seed) and target training examples (per target and seed). Throws
// InputError when that leaves a training input with nothing to train on.
void checkContamination(ExperimentPlan& plan, const ExperimentSpec& spec, TaskState& state);

}  // namespace twb

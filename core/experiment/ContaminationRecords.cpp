#include "experiment/ContaminationRecords.h"

#include <QHash>
#include <map>

namespace twb {
namespace {

const QString kSplit = QStringLiteral("contamination");

// The counts by results metric name, in the order they are printed.
std::vector<std::pair<QString, qsizetype>> fieldsOf(const ContaminationCount& c) {
  return {{QStringLiteral("test_examples"), c.testExamples},
          {QStringLiteral("in_pretraining"), c.inPretrain},
          {QStringLiteral("in_intermediate"), c.inIntermediate},
          {QStringLiteral("in_own_train"), c.inOwnTrain},
          {QStringLiteral("dropped_pretraining"), c.droppedPretrain},
          {QStringLiteral("dropped_intermediate"), c.droppedIntermediate},
          {QStringLiteral("dropped_own_train"), c.droppedOwnTrain}};
}

}  // namespace

void storeContamination(RunStore& store, qint64 experimentId,
                        const std::vector<ContaminationCount>& counts) {
  std::map<std::pair<QString, int>, const ContaminationCount*> byKey;
  for (const ContaminationCount& c : counts) byKey[{c.target, c.seed}] = &c;
  for (const RunRecord& run : store.runs(experimentId)) {
    const auto it = byKey.find({run.target, run.seed});
    if (it == byKey.end()) continue;
    for (const auto& [metric, value] : fieldsOf(*it->second))
      store.addResult({run.id, kSplit, metric, static_cast<double>(value)});
  }
}

QStringList contaminationLines(const RunStore& store, qint64 experimentId) {
  // (target, seed) -> metric -> value, from the baseline run (both arms hold the same counts).
  std::map<std::pair<QString, int>, QHash<QString, double>> counts;
  QHash<qint64, RunRecord> runs;
  for (const RunRecord& run : store.runs(experimentId)) runs.insert(run.id, run);
  for (const ResultRecord& r : store.results(experimentId)) {
    if (r.split != kSplit || !runs.contains(r.runId)) continue;
    const RunRecord& run = runs[r.runId];
    counts[{run.target, run.seed}][r.metric] = r.value;
  }
  if (counts.empty()) return {};
  QStringList lines;
  for (const auto& [key, c] : counts) {
    QStringList found;
    auto add = [&](const char* in, const char* dropped, const char* where) {
      const int n = int(c.value(QLatin1String(in)));
      if (n == 0) return;
      found << QStringLiteral("%1 in %2 (%3 training inputs dropped)")
                   .arg(n)
                   .arg(QLatin1String(where))
                   .arg(int(c.value(QLatin1String(dropped))));
    };
    add("in_pretraining", "dropped_pretraining", "the pretraining text");
    add("in_intermediate", "dropped_intermediate", "the intermediate training part");
    add("in_own_train", "dropped_own_train", "its own training part");
    if (!found.isEmpty())
      lines << QStringLiteral("%1 seed %2: of %3 test examples, %4")
                   .arg(key.first)
                   .arg(key.second)
                   .arg(int(c.value(QStringLiteral("test_examples"))))
                   .arg(found.join(QStringLiteral("; ")));
  }
  if (lines.isEmpty())
    lines << QStringLiteral("no test text of any target was found in a training input");
  return lines;
}

}  // namespace twb

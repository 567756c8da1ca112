#include "experiment/EncodedTask.h"

#include <cmath>

#include "experiment/Encoding.h"

namespace twb {
namespace {

std::vector<EncodedExample> encodeTexts(const QStringList& texts, const Tokenizer& tokenizer,
                                        const QString& arch, int maxLen) {
  QVector<Example> examples;
  for (const QString& text : texts) examples.push_back({text, {}, -1, NAN});
  return encodeExamples(examples, tokenizer, arch, maxLen);
}

}  // namespace

EncodedTask encodeTask(const PlannedTask& task, int seed, const Tokenizer& tokenizer,
                       const QString& arch, int maxLen) {
  EncodedTask out;
  out.task = &task;
  if (task.retrieval()) {
    QStringList pivot, translations;
    for (const auto& [english, text] : task.pairs) {
      pivot << english;
      translations << text;
    }
    out.pivot = encodeTexts(pivot, tokenizer, arch, maxLen);
    out.translations = encodeTexts(translations, tokenizer, arch, maxLen);
    return out;
  }
  const Split& s = task.splits.at(seed);
  out.train = encodeExamples(s.train, tokenizer, arch, maxLen);
  out.dev = encodeExamples(s.dev, tokenizer, arch, maxLen);
  out.test = encodeExamples(task.testSplit(seed).test, tokenizer, arch, maxLen);
  if (task.zeroShot()) out.sourceTest = encodeExamples(s.test, tokenizer, arch, maxLen);
  return out;
}

}  // namespace twb

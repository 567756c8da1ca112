#include "experiment/Encoding.h"

namespace twb {

std::vector<EncodedExample> encodeExamples(const QVector<Example>& examples,
                                           const Tokenizer& tokenizer, const QString& arch,
                                           int maxLen) {
  std::vector<EncodedExample> out;
  out.reserve(examples.size());
  const SpecialIds specials = tokenizer.specials();
  for (const Example& e : examples) {
    EncodedExample encoded;
    encoded.input =
        buildInput(arch, specials, tokenizer.encode(e.text),
                   e.pair.isEmpty() ? std::vector<int>{} : tokenizer.encode(e.pair), maxLen);
    encoded.label = e.label;
    encoded.score = static_cast<float>(e.score);
    out.push_back(std::move(encoded));
  }
  return out;
}

std::vector<EncodedExample> encodePretrainText(const std::vector<Dataset>& datasets,
                                               const Tokenizer& tokenizer, const QString& arch,
                                               int maxLen) {
  std::vector<EncodedExample> out;
  const SpecialIds specials = tokenizer.specials();
  const size_t window = static_cast<size_t>(std::max(1, maxLen - 2));
  for (const Dataset& d : datasets) {
    for (const Example& e : d.examples) {
      for (const QString& text : {e.text, e.pair}) {
        if (text.isEmpty()) continue;
        const std::vector<int> ids = tokenizer.encode(text);
        for (size_t start = 0; start < ids.size(); start += window) {
          std::vector<int> chunk(ids.begin() + start,
                                 ids.begin() + std::min(ids.size(), start + window));
          EncodedExample encoded;
          encoded.input = buildInput(arch, specials, std::move(chunk), {}, maxLen);
          out.push_back(std::move(encoded));
        }
      }
    }
  }
  return out;
}

}  // namespace twb

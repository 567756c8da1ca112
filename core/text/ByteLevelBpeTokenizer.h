// ByteLevelBpeTokenizer: RoBERTa's and GPT-2's tokenizer (vocab.json + merges.txt, "Ġ" spaces).
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "text/AddedTokens.h"
#include "text/BpeModel.h"
#include "text/SpecialTokens.h"
#include "text/Tokenizer.h"

namespace twb {

struct ByteLevelBpeOptions {
  bool addPrefixSpace = false;  // RoBERTa's default: "Hello" at the start stays "Hello"
  bool useRegex = true;         // split with GPT-2's pattern before BPE
  SpecialTokenSet specials = SpecialTokenSet::forFamily(QStringLiteral("roberta"));
  std::vector<AddedToken>
      added;  // further tokens with their ids (tokenizer.json, added_tokens.json)
};

// Text is cut at special and added tokens; each remaining part is split by GPT-2's pattern,
// written as bytes (bytelevel::encode) and merged by BPE. Special ids come from the
// vocabulary by their strings (-1 when absent); an added token's id is its own.
class ByteLevelBpeTokenizer : public Tokenizer {
 public:
  // vocab.json: {"token": id, ...}; merges.txt: "left right" per line after an optional
  // "#version" line. Throws InputError naming the file (and line, or key) when either is
  // missing or malformed.
  static std::unique_ptr<ByteLevelBpeTokenizer> fromFiles(const QString& vocabJson,
                                                          const QString& mergesTxt,
                                                          const ByteLevelBpeOptions& options = {});
  // The same from a vocabulary and merges already read (tokenizer.json).
  static std::unique_ptr<ByteLevelBpeTokenizer> fromModel(QHash<QString, int> vocab,
                                                          const std::vector<BpeMerge>& merges,
                                                          const ByteLevelBpeOptions& options);

  std::vector<int> encode(const QString& text) const override;
  // Concatenates the pieces and reads their bytes back as UTF-8 (added tokens as they are), so
  // decode(encode(text)) == text.
  QString decode(const std::vector<int>& ids) const override;
  QString piece(int id) const override;  // "Ġhello"; empty outside the vocabulary
  int vocabSize() const override;        // largest id + 1
  SpecialIds specials() const override { return specials_; }

  QStringList tokenize(const QString& text) const;
  int idOf(const QString& piece) const;

 private:
  ByteLevelBpeTokenizer(QHash<QString, int> vocab, const std::vector<BpeMerge>& merges,
                        const ByteLevelBpeOptions& options);

  BpeModel bpe_;
  ByteLevelBpeOptions options_;
  AddedTokens added_;
  QStringList pieces_;  // by id
  SpecialIds specials_;
};

}  // namespace twb

// Tokenizer: the interface every tokenizer offers (text -> piece ids), with its special ids.
#pragma once

#include <QString>
#include <vector>

namespace twb {

// Ids of the special tokens a model family needs; -1 where the vocabulary has none.
// BERT uses cls/sep as [CLS]/[SEP]; RoBERTa as <s>/</s>; XLNet as <cls>/<sep>.
struct SpecialIds {
  int pad = -1;
  int unk = -1;
  int cls = -1;
  int sep = -1;
  int mask = -1;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;
  // Ids of the text's pieces, with no special tokens.
  virtual std::vector<int> encode(const QString& text) const = 0;
  virtual QString decode(const std::vector<int>& ids) const = 0;
  virtual QString piece(int id) const = 0;
  virtual int vocabSize() const = 0;
  virtual SpecialIds specials() const = 0;
};

}  // namespace twb

// SpecialTokens: the strings each model family uses as special tokens, and how they are matched.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "text/AddedTokens.h"

namespace twb {

// The family's meaning of each special token; Tokenizer::specials() reports their ids.
struct SpecialTokenSet {
  AddedToken pad, unk, cls, sep, mask;
  QList<AddedToken> extra;  // further specials matched in text: <s>, </s>, <eod>, ...

  // bert: [PAD] [UNK] [CLS] [SEP] [MASK]; roberta and xlm-roberta: <pad> <unk> <s> </s> <mask>;
  // xlnet: <pad> <unk> <cls> <sep> <mask> with <s> </s> <eop> <eod>. RoBERTa's, XLM-R's and
  // XLNet's <mask> swallow the whitespace before them, as Hugging Face's do. An unknown
  // family gets BERT's. The strings are each family's row in common/FamilyTraits.cpp.
  static SpecialTokenSet forFamily(const QString& modelType);

  // Applies the *_token keys (a string, or an object with content / lstrip / rstrip /
  // single_word) and additional_special_tokens of tokenizer_config.json or
  // special_tokens_map.json; `file` names the file in errors.
  void apply(const QJsonObject& config, const QString& file);

  // Every special token once, the five named ones first (an extra with the same content as an
  // earlier one is left out); ids are not set.
  QList<AddedToken> all() const;
};

}  // namespace twb

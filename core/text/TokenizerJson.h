// TokenizerJson: reads Hugging Face's tokenizer.json (the fast-tokenizer format) into a Tokenizer.
#pragma once

#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "text/AddedTokens.h"
#include "text/BasicTokenizer.h"
#include "text/SpecialTokens.h"
#include "text/Tokenizer.h"

namespace twb {

// What the rest of the folder says; set values win over tokenizer.json's own, as they do when
// Hugging Face's fast tokenizers are built with tokenizer_config.json's arguments.
struct TokenizerJsonOptions {
  SpecialTokenSet specials;            // the family's meaning of each special token
  std::optional<bool> lowercase;       // do_lower_case
  std::optional<bool> stripAccents;    // strip_accents
  std::optional<bool> chineseChars;    // tokenize_chinese_chars
  std::optional<bool> addPrefixSpace;  // add_prefix_space
};

// Supported: model WordPiece with normalizer BertNormalizer (or none) and pre_tokenizer
// BertPreTokenizer; model BPE with pre_tokenizer ByteLevel and no normalizer; added_tokens
// with their flags. Anything else (Unigram among them) is an InputError naming the file and
// the key, so that nothing is tokenized wrongly.
std::unique_ptr<Tokenizer> loadTokenizerJson(const QString& path,
                                             const TokenizerJsonOptions& options);

// The added_tokens list of a tokenizer.json already read.
std::vector<AddedToken> tokenizerJsonAddedTokens(const QJsonObject& root, const QString& path);
// The switches of its BertNormalizer; nullopt when the normalizer is something else.
std::optional<BertNormalization> tokenizerJsonBertNormalizer(const QJsonObject& root,
                                                             const QString& path);
// The folder's set switches over a normalizer's own (tokenizer_config.json wins).
void applyNormalizationOptions(BertNormalization& normalization,
                               const TokenizerJsonOptions& options);
// added_tokens.json: {"token": id, ...}, plain (not special) tokens.
std::vector<AddedToken> readAddedTokensJson(const QString& path);

}  // namespace twb

// HfTokenizer: loads the tokenizer of a Hugging Face checkpoint folder so ids match the original.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "text/Tokenizer.h"

namespace twb {

// modelType is config.json's model_type:
//   bert         vocab.txt (else tokenizer.json); lower-casing, accents and CJK splitting from
//                tokenizer_config.json's do_lower_case / strip_accents / tokenize_chinese_chars,
//                else tokenizer.json's BertNormalizer, else Hugging Face's default (lower-case)
//   roberta      vocab.json + merges.txt (else tokenizer.json); add_prefix_space from
//                tokenizer_config.json (default false)
//   xlm-roberta  sentencepiece.bpe.model, with fairseq's ids
//   xlnet        spiece.model; do_lower_case / remove_space / keep_accents from
//                tokenizer_config.json
// specials() mean: bert [CLS] [SEP] [PAD] [MASK] [UNK]; roberta and xlm-roberta <s> </s> <pad>
// <mask> <unk>; xlnet <cls> <sep> <pad> <mask> <unk>, unless special_tokens_map.json or
// tokenizer_config.json name other strings. Special and added tokens written in the text become
// their ids. Throws InputError naming the folder and the files looked for when none is there,
// naming the file (and line or key) when one is malformed or unsupported, and for an unknown
// modelType.
std::unique_ptr<Tokenizer> loadHfTokenizer(const QString& folder, const QString& modelType);

// The names (relative to folder) of the tokenizer files of that family present there: the
// model's own files, tokenizer.json, tokenizer_config.json, special_tokens_map.json and
// added_tokens.json; what an exporter copies beside the weights.
QStringList hfTokenizerFiles(const QString& folder, const QString& modelType);

}  // namespace twb

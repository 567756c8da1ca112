// TinyBpe: a hand-made byte-level BPE vocabulary and merge list the tokenizer suites share.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include "text/ByteLevel.h"

namespace twb::test {

// Ranked merges; their results join the vocabulary after the 256 byte characters.
inline const QStringList kTinyMerges = {"Ġ t",     "h e", "Ġt he", "l l",   "ll o",
                                        "he llo",  "Ġ w", "o r",   "Ġw or", "l d",
                                        "Ġwor ld", "i n", "in g",  "' s",   "Ġ Ġ"};

// <s> 0, <pad> 1, </s> 2, <unk> 3, the bytes from 4 (in byte order), the merges from 260,
// then <mask>.
inline QJsonObject tinyBpeVocab() {
  QJsonObject v{{"<s>", 0}, {"<pad>", 1}, {"</s>", 2}, {"<unk>", 3}};
  int next = 4;
  for (int b = 0; b < 256; ++b) v.insert(QString(bytelevel::charOfByte(b)), next++);
  for (const QString& m : kTinyMerges) v.insert(QString(m).remove(QLatin1Char(' ')), next++);
  v.insert(QStringLiteral("<mask>"), next);
  return v;
}

inline QByteArray tinyMergesTxt() {
  return "#version: 0.2\n" + kTinyMerges.join('\n').toUtf8() + "\n";
}

// A RoBERTa-style tokenizer.json with the same vocabulary and merges.
inline QJsonObject tinyBpeTokenizerJson() {
  const auto added = [](int id, const char* content, bool lstrip) {
    return QJsonObject{{"id", id},         {"content", content}, {"single_word", false},
                       {"lstrip", lstrip}, {"rstrip", false},    {"normalized", false},
                       {"special", true}};
  };
  const int mask = 260 + static_cast<int>(kTinyMerges.size());
  return QJsonObject{{"version", "1.0"},
                     {"added_tokens", QJsonArray{added(0, "<s>", false), added(1, "<pad>", false),
                                                 added(2, "</s>", false), added(3, "<unk>", false),
                                                 added(mask, "<mask>", true)}},
                     {"normalizer", QJsonValue::Null},
                     {"pre_tokenizer", QJsonObject{{"type", "ByteLevel"},
                                                   {"add_prefix_space", false},
                                                   {"trim_offsets", true},
                                                   {"use_regex", true}}},
                     {"post_processor", QJsonValue::Null},
                     {"decoder", QJsonObject{{"type", "ByteLevel"}}},
                     {"model", QJsonObject{{"type", "BPE"},
                                           {"dropout", QJsonValue::Null},
                                           {"unk_token", QJsonValue::Null},
                                           {"continuing_subword_prefix", ""},
                                           {"end_of_word_suffix", ""},
                                           {"fuse_unk", false},
                                           {"vocab", tinyBpeVocab()},
                                           {"merges", QJsonArray::fromStringList(kTinyMerges)}}}};
}

}  // namespace twb::test

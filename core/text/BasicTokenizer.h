// BasicTokenizer: BERT's pre-WordPiece step (clean, split CJK, case-fold, split punctuation).
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace twb {

// BERT's normalization switches: tokenizer_config.json's do_lower_case / strip_accents /
// tokenize_chinese_chars, or tokenizer.json's BertNormalizer (lowercase, strip_accents,
// handle_chinese_chars, clean_text).
struct BertNormalization {
  bool lowercase = true;
  std::optional<bool> stripAccents;  // unset: strip exactly when lower-casing
  bool chineseChars = true;          // isolate each CJK ideograph
  bool cleanText = true;             // drop NUL, U+FFFD and control characters

  bool stripsAccents() const { return stripAccents.value_or(lowercase); }
};

// Splits text into the words WordPiece then cuts into pieces, as BERT's BasicTokenizer does:
// drops NUL, U+FFFD and control characters, turns whitespace into spaces, isolates each CJK
// ideograph, lower-cases and strips accents (NFD, then no Mn marks) when uncased, splits on
// whitespace and makes every punctuation character a word of its own. Never-split tokens are
// cut out of the text first (wherever they occur, case-sensitively) and kept whole. Each step
// but the splits can be switched off through BertNormalization; accents are stripped after
// lower-casing, as Hugging Face's BertTokenizer does.
class BasicTokenizer {
 public:
  static QStringList defaultNeverSplit();  // [CLS], [SEP], [MASK], [PAD], [UNK]

  // lowercase: lower-case and strip accents (an uncased model); the other switches on.
  explicit BasicTokenizer(bool lowercase, QStringList neverSplit = defaultNeverSplit());
  BasicTokenizer(const BertNormalization& normalization, QStringList neverSplit);

  QStringList tokenize(const QString& text) const;
  bool isNeverSplit(const QString& token) const { return neverSplit_.contains(token); }
  bool lowercase() const { return normalization_.lowercase; }

 private:
  void tokenizePlain(const QString& text, QStringList& out) const;
  QString normalizeWord(const QString& word) const;

  BertNormalization normalization_;
  QStringList neverSplit_;
};

}  // namespace twb

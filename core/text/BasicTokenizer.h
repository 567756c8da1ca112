// BasicTokenizer: BERT's pre-WordPiece step (clean, split CJK, case-fold, split punctuation).
#pragma once

#include <QString>
#include <QStringList>

namespace twb {

// Splits text into the words WordPiece then cuts into pieces, as BERT's BasicTokenizer does:
// drops NUL, U+FFFD and control characters, turns whitespace into spaces, isolates each CJK
// ideograph, lower-cases and strips accents (NFD, then no Mn marks) when uncased, splits on
// whitespace and makes every punctuation character a word of its own. Never-split tokens are
// cut out of the text first (wherever they occur, case-sensitively) and kept whole.
class BasicTokenizer {
 public:
  static QStringList defaultNeverSplit();  // [CLS], [SEP], [MASK], [PAD], [UNK]

  explicit BasicTokenizer(bool lowercase, QStringList neverSplit = defaultNeverSplit());

  QStringList tokenize(const QString& text) const;
  bool isNeverSplit(const QString& token) const { return neverSplit_.contains(token); }
  bool lowercase() const { return lowercase_; }

 private:
  void tokenizePlain(const QString& text, QStringList& out) const;
  QString normalizeWord(const QString& word) const;

  bool lowercase_;
  QStringList neverSplit_;
};

}  // namespace twb

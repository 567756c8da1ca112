// WordPieceTokenizer: BERT's vocab.txt tokenizer (basic split, then greedy "##" word pieces).
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "text/AddedTokens.h"
#include "text/BasicTokenizer.h"
#include "text/SpecialTokens.h"
#include "text/Tokenizer.h"

namespace twb {

struct WordPieceOptions {
  BertNormalization normalization;
  SpecialTokenSet specials = SpecialTokenSet::forFamily(QStringLiteral("bert"));
  QString continuingPrefix = QStringLiteral("##");
  int maxCharsPerWord = 100;
  std::vector<AddedToken> added;  // further whole tokens with their ids (tokenizer.json)
};

// Each word of BasicTokenizer becomes its longest vocabulary prefix, then the longest
// "##"-prefixed continuations; a word that cannot be covered, or is longer than
// WordPieceOptions::maxCharsPerWord code points (100), becomes [UNK] as a whole. Specials are
// [PAD], [UNK], [CLS], [SEP] and [MASK] unless the options name others; special and added tokens
// are cut out of the text whole.
class WordPieceTokenizer : public Tokenizer {
 public:
  // Reads vocab.txt: one token per line, id = line index, UTF-8 (a BOM is skipped), surrounding
  // whitespace trimmed. Throws InputError naming the file when it is missing, unreadable, not
  // UTF-8, empty, or lacks [UNK]. `lowercase` is true for uncased models.
  static std::unique_ptr<WordPieceTokenizer> fromVocabFile(const QString& vocabTxt, bool lowercase);
  static std::unique_ptr<WordPieceTokenizer> fromVocabFile(const QString& vocabTxt,
                                                           const WordPieceOptions& options);
  // A vocabulary already read (pieces[id]; tokenizer.json); `source` names it in errors.
  static std::unique_ptr<WordPieceTokenizer> fromPieces(QStringList pieces,
                                                        const WordPieceOptions& options,
                                                        const QString& source);

  std::vector<int> encode(const QString& text) const override;
  // Joins the pieces with spaces and glues "##" continuations to the piece before them, as
  // Hugging Face's convert_tokens_to_string; an id outside the vocabulary reads as [UNK].
  QString decode(const std::vector<int>& ids) const override;
  QString piece(int id) const override;  // empty outside the vocabulary
  int vocabSize() const override;
  SpecialIds specials() const override;

  // The pieces of encode(text), for logs and inspection.
  QStringList tokenize(const QString& text) const;
  int idOf(const QString& piece) const { return ids_.value(piece, -1); }

 private:
  WordPieceTokenizer(QStringList pieces, const WordPieceOptions& options);
  void appendWordIds(const QString& word, std::vector<int>& ids) const;

  WordPieceOptions options_;
  BasicTokenizer basic_;
  QStringList pieces_;
  QHash<QString, int> ids_;
  SpecialIds specials_;
};

}  // namespace twb

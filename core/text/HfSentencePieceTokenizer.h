// HfSentencePieceTokenizer: sentencepiece as Hugging Face's XLM-R and XLNet tokenizers use it.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "text/AddedTokens.h"
#include "text/SentencePieceModel.h"
#include "text/SpecialTokens.h"
#include "text/Tokenizer.h"
#include "text/XlnetText.h"

namespace twb {

// XLM-R (sentencepiece.bpe.model) follows fairseq's dictionary: <s> 0, <pad> 1, </s> 2,
// <unk> 3, every other sentencepiece id + 1, sentencepiece's id 0 (its unknown) -> 3,
// <mask> = model size + 1; vocabSize() = model size + 2.
// XLNet (spiece.model) keeps sentencepiece's ids, reads its specials from the model by piece,
// cleans the text first (xlnetPreprocess) and re-splits a piece that ends in a digit and ","
// so that the comma stands alone, as Hugging Face's XLNetTokenizer does.
// In both, special tokens in the text become their ids before sentencepiece sees the rest.
class HfSentencePieceTokenizer : public Tokenizer {
 public:
  // Throws InputError naming the file when it is missing or not a sentencepiece model.
  static std::unique_ptr<HfSentencePieceTokenizer> loadXlmRoberta(
      const QString& modelPath,
      const SpecialTokenSet& specials = SpecialTokenSet::forFamily(QStringLiteral("xlm-roberta")));
  static std::unique_ptr<HfSentencePieceTokenizer> loadXlnet(
      const QString& modelPath, const XlnetTextOptions& text = {},
      const SpecialTokenSet& specials = SpecialTokenSet::forFamily(QStringLiteral("xlnet")));

  std::vector<int> encode(const QString& text) const override;
  // As Hugging Face with special tokens kept: pieces joined, "▁" read as a space, each run
  // stripped, and runs and special tokens joined with single spaces.
  QString decode(const std::vector<int>& ids) const override;
  QString piece(int id) const override;  // "▁Hello", "<s>"; empty outside the vocabulary
  int vocabSize() const override;
  SpecialIds specials() const override { return specials_; }

  // Hugging Face's tokens: special tokens and sentencepiece's pieces (an unknown piece keeps
  // its text); encode() is idOf() of each.
  QStringList tokenize(const QString& text) const;
  int idOf(const QString& piece) const;  // as Hugging Face converts a token to an id

 private:
  enum class Scheme { XlmRoberta, Xlnet };
  HfSentencePieceTokenizer(Scheme scheme, std::unique_ptr<SentencePieceModel> model,
                           const SpecialTokenSet& specials, const XlnetTextOptions& text);
  QStringList piecesOf(const QString& plainText) const;
  QString lowercaseOutsideSpecials(const QString& text) const;

  Scheme scheme_;
  std::unique_ptr<SentencePieceModel> model_;
  XlnetTextOptions text_;
  AddedTokens added_;
  SpecialIds specials_;
};

}  // namespace twb

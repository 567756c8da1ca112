// AddedTokens: cuts special and added tokens out of text before a model tokenizes the rest.
#pragma once

#include <QString>
#include <vector>

namespace twb {

// A token matched in the raw text as a whole, as Hugging Face's added tokens are.
struct AddedToken {
  QString content;
  int id = -1;
  bool lstrip = false;      // also swallows the whitespace before it (RoBERTa's <mask>)
  bool rstrip = false;      // also swallows the whitespace after it
  bool singleWord = false;  // matches only when no letter, digit or '_' touches it
};

// A piece of text: either plain text for the model (id < 0) or one added token.
struct TextSegment {
  QString text;
  int id = -1;
};

class AddedTokens {
 public:
  // A later token with the same content replaces the earlier one.
  void add(const AddedToken& token);
  bool empty() const { return tokens_.empty(); }
  const std::vector<AddedToken>& tokens() const { return tokens_; }
  const AddedToken* byContent(const QString& content) const;
  const AddedToken* byId(int id) const;

  // Finds the tokens from left to right, the longest one where several start at the same place
  // (case-sensitively, in the raw text), and returns the text around them as plain segments.
  // Empty plain segments are dropped. With keepWhitespace, lstrip and rstrip are ignored, so
  // the segments concatenate to the text.
  std::vector<TextSegment> split(const QString& text, bool keepWhitespace = false) const;

 private:
  const AddedToken* longestAt(const QString& text, qsizetype at) const;
  std::vector<AddedToken> tokens_;
};

}  // namespace twb

#include "text/BasicTokenizer.h"

#include <QChar>
#include <utility>

#include "text/CodePoints.h"

namespace twb {
namespace {

// The CJK Unified Ideographs blocks (with extensions A to E and the compatibility blocks) that
// BERT isolates. Hiragana, Katakana and Hangul are not among them: they stay in their words.
bool isCjkIdeograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool isWhitespace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
         QChar::category(c) == QChar::Separator_Space;
}

// Every C* category (control, format, surrogate, private use, unassigned) except the three
// whitespace controls, which count as whitespace.
bool isControl(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
      return true;
    default:
      return false;
  }
}

// All non-alphanumeric printable ASCII (so "$", "^", "`" too, which Unicode files as symbols)
// plus every Unicode P* category.
bool isPunctuation(char32_t c) {
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
      (c >= 123 && c <= 126)) {
    return true;
  }
  switch (QChar::category(c)) {
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
      return true;
    default:
      return false;
  }
}

void flush(QString& word, QStringList& out) {
  if (!word.isEmpty()) out << std::exchange(word, QString());
}

void splitPunctuation(const QString& word, QStringList& out) {
  QString current;
  for (const char32_t c : word.toUcs4()) {
    if (isPunctuation(c)) {
      flush(current, out);
      QString single;
      appendCodePoint(single, c);
      out << single;
    } else {
      appendCodePoint(current, c);
    }
  }
  flush(current, out);
}

}  // namespace

QStringList BasicTokenizer::defaultNeverSplit() {
  return {QStringLiteral("[CLS]"), QStringLiteral("[SEP]"), QStringLiteral("[MASK]"),
          QStringLiteral("[PAD]"), QStringLiteral("[UNK]")};
}

BasicTokenizer::BasicTokenizer(bool lowercase, QStringList neverSplit)
    : BasicTokenizer(BertNormalization{lowercase, std::nullopt, true, true},
                     std::move(neverSplit)) {}

BasicTokenizer::BasicTokenizer(const BertNormalization& normalization, QStringList neverSplit)
    : normalization_(normalization), neverSplit_(std::move(neverSplit)) {
  neverSplit_.removeAll(QString());
}

QStringList BasicTokenizer::tokenize(const QString& text) const {
  QStringList out;
  qsizetype plainStart = 0;
  qsizetype i = 0;
  while (i < text.size()) {
    const QString* match = nullptr;
    for (const QString& special : neverSplit_) {
      if (QStringView(text).mid(i).startsWith(special) &&
          (!match || special.size() > match->size())) {
        match = &special;
      }
    }
    if (!match) {
      ++i;
      continue;
    }
    tokenizePlain(text.mid(plainStart, i - plainStart), out);
    out << *match;
    i += match->size();
    plainStart = i;
  }
  tokenizePlain(text.mid(plainStart), out);
  return out;
}

void BasicTokenizer::tokenizePlain(const QString& text, QStringList& out) const {
  // Clean and isolate ideographs, then split on whitespace (QChar::isSpace also covers the
  // line and paragraph separators, which Python's str.split splits on).
  QStringList words;
  QString word;
  for (const char32_t c : text.toUcs4()) {
    if (normalization_.cleanText && (c == 0 || c == 0xFFFD || isControl(c))) continue;
    if (isWhitespace(c) || QChar::isSpace(c)) {
      flush(word, words);
    } else if (normalization_.chineseChars && isCjkIdeograph(c)) {
      flush(word, words);
      QString single;
      appendCodePoint(single, c);
      words << single;
    } else {
      appendCodePoint(word, c);
    }
  }
  flush(word, words);
  for (const QString& w : words) splitPunctuation(normalizeWord(w), out);
}

QString BasicTokenizer::normalizeWord(const QString& word) const {
  const QString cased = normalization_.lowercase ? word.toLower() : word;
  if (!normalization_.stripsAccents()) return cased;
  QString stripped;
  const QString decomposed = cased.normalized(QString::NormalizationForm_D);
  for (const char32_t c : decomposed.toUcs4()) {
    if (QChar::category(c) != QChar::Mark_NonSpacing) appendCodePoint(stripped, c);
  }
  return stripped;
}

}  // namespace twb

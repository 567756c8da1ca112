// XlnetText: the clean-up Hugging Face's XLNet tokenizer applies to text before sentencepiece.
#pragma once

#include <QString>

namespace twb {

// tokenizer_config.json's remove_space, keep_accents and do_lower_case, with XLNet's defaults.
struct XlnetTextOptions {
  bool removeSpace = true;
  bool keepAccents = false;
  bool lowercase = false;
};

// removeSpace: strips the text and joins its words with single spaces (Python's str.split
// whitespace); then `` and '' become "; unless keepAccents: NFKD with every character of
// non-zero canonical combining class dropped; lowercase: lower-cased.
QString xlnetPreprocess(const QString& text, const XlnetTextOptions& options);

// Python's str.isspace and str.isdigit for one code point.
bool isPythonSpace(char32_t c);
bool isPythonDigit(char32_t c);

}  // namespace twb

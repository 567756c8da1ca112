// FuzzTokenizer: what the tokenizer harnesses do with a tokenizer their input built: encode a
// fixed multilingual text and a piece of the input, check every id, decode.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "text/Tokenizer.h"

namespace twb::fuzz {

inline void exerciseTokenizer(const Tokenizer& tokenizer, const QString& inputText) {
  const QString texts[] = {QStringLiteral("[CLS] Héllo, wörld! <s>Don't</s> [MASK] <mask> 你好 "
                                          "Ｆｕｌｌ ٱلْعَرَبِيَّة 🙂\t x"),
                           inputText.left(256)};
  const int size = tokenizer.vocabSize();
  for (const QString& text : texts) {
    const std::vector<int> ids = tokenizer.encode(text);
    // An id outside the vocabulary would index past the model's embedding table.
    for (int id : ids) {
      if (id < 0 || id >= size) {
        std::fprintf(stderr, "id %d outside the vocabulary of %d, encoding \"%s\"\n", id, size,
                     qPrintable(text));
        std::abort();
      }
    }
    tokenizer.decode(ids);
    for (int id : ids) tokenizer.piece(id);
  }
  tokenizer.decode({-1, size, 0});  // ids outside the vocabulary must not crash decode
  tokenizer.specials();
}

}  // namespace twb::fuzz

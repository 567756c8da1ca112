// Fuzzes RoBERTa's merges.txt and vocab.json readers (text/ByteLevelBpeTokenizer) and the
// tokenizer they build. The input is merges.txt; when it holds a NUL byte, the bytes before it
// are vocab.json and the rest merges.txt.
#include "FuzzSupport.h"
#include "FuzzTokenizer.h"
#include "text/ByteLevelBpeTokenizer.h"

namespace {

// A small byte-level vocabulary: the specials, a few bytes and merged pieces.
const char kVocab[] =
    R"({"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 4, "h": 5, "e": 6, "l": 7,)"
    R"( "o": 8, "Ġ": 9, "w": 10, "r": 11, "d": 12, "he": 13, "ll": 14, "hell": 15, "hello": 16,)"
    R"( "Ġw": 17, "or": 18, "Ġwor": 19, "Ġworld": 20, "Ã": 21, "©": 22, "Ã©": 23})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QByteArray bytes = fuzz::bytesOf(data, size);
  const qsizetype nul = bytes.indexOf('\0');
  const QByteArray vocab = nul < 0 ? QByteArray(kVocab) : bytes.left(nul);
  const QByteArray merges = nul < 0 ? bytes : bytes.mid(nul + 1);
  const QString vocabPath = fuzz::writeScratch(QStringLiteral("vocab.json"), vocab);
  const QString mergesPath = fuzz::writeScratch(QStringLiteral("merges.txt"), merges);
  ByteLevelBpeOptions options;
  options.addPrefixSpace = size % 2 == 0;
  return fuzz::parseOrReject([&] {
    const auto tokenizer = ByteLevelBpeTokenizer::fromFiles(vocabPath, mergesPath, options);
    fuzz::exerciseTokenizer(*tokenizer, QString::fromUtf8(merges));
  });
}

// Fuzzes BERT's vocab.txt reader (text/WordPieceTokenizer) and the tokenizer it builds.
#include "FuzzSupport.h"
#include "FuzzTokenizer.h"
#include "text/WordPieceTokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QByteArray bytes = fuzz::bytesOf(data, size);
  const QString path = fuzz::writeScratch(QStringLiteral("vocab.txt"), bytes);
  return fuzz::parseOrReject([&] {
    // Cased and uncased, as the folder's tokenizer_config.json says.
    const auto tokenizer = WordPieceTokenizer::fromVocabFile(path, size % 2 == 0);
    fuzz::exerciseTokenizer(*tokenizer, QString::fromUtf8(bytes));
  });
}

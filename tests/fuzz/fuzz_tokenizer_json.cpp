// Fuzzes Hugging Face's tokenizer.json reader (text/TokenizerJson) and the tokenizer it builds.
#include "FuzzSupport.h"
#include "FuzzTokenizer.h"
#include "text/TokenizerJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twb;
  const QByteArray bytes = fuzz::bytesOf(data, size);
  const QString path = fuzz::writeScratch(QStringLiteral("tokenizer.json"), bytes);
  // The family's specials as the folder's config.json would name them.
  TokenizerJsonOptions options;
  options.specials = SpecialTokenSet::forFamily(
      bytes.contains("WordPiece") ? QStringLiteral("bert") : QStringLiteral("roberta"));
  return fuzz::parseOrReject([&] {
    const auto tokenizer = loadTokenizerJson(path, options);
    fuzz::exerciseTokenizer(*tokenizer, QString::fromUtf8(bytes));
  });
}

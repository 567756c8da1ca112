// `twb tokenize`: a checkpoint's own tokenizer on a text (or pair), printed as JSON ids.
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "Commands.h"
#include "common/InputError.h"
#include "common/InputFile.h"
#include "common/Utf8Text.h"
#include "family/HfConfig.h"
#include "text/HfTokenizer.h"
#include "text/ModelInputs.h"

namespace twb::cli {
namespace {

const char* kUsage =
    "usage: twb tokenize FOLDER (--text T | --text-file FILE) [--pair P] [--max-len N]\n"
    "Tokenizes T (and P) with the tokenizer of the Hugging Face checkpoint in FOLDER, adds the\n"
    "model family's special tokens, truncates to N tokens (the longer text first) and prints\n"
    "{\"tokens\", \"input_ids\", \"token_type_ids\", \"attention_mask\"} as JSON.\n"
    "--text-file reads T from a UTF-8 file (at most 64 MiB; - reads standard input), without\n"
    "its final line break.\n";

// The text of --text-file: a UTF-8 file, or standard input for "-", less one final line break.
QString readTextFile(const QString& path) {
  const QString what = QStringLiteral("a text to tokenize");
  const bool standardInput = path == QLatin1String("-");
  QString text = decodeUtf8(standardInput ? readStandardInput(kSingleTextCap, what)
                                          : readInputFile(path, kSingleTextCap, what),
                            standardInput ? QStringLiteral("standard input") : path);
  if (text.endsWith(QLatin1Char('\n'))) text.chop(1);
  if (text.endsWith(QLatin1Char('\r'))) text.chop(1);
  return text;
}

QJsonArray numbers(const std::vector<int64_t>& values) {
  QJsonArray array;
  for (int64_t value : values) array.append(static_cast<qint64>(value));
  return array;
}

}  // namespace

int tokenize(const QStringList& args) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  QCommandLineParser parser;
  parser.addOption({QStringLiteral("text"), QStringLiteral("text"), QStringLiteral("T")});
  parser.addOption({QStringLiteral("text-file"), QStringLiteral("the text's file, - for stdin"),
                    QStringLiteral("FILE")});
  parser.addOption({QStringLiteral("pair"), QStringLiteral("second text"), QStringLiteral("P")});
  parser.addOption(
      {QStringLiteral("max-len"), QStringLiteral("most tokens"), QStringLiteral("N"), "512"});
  parser.addOption({QStringLiteral("help"), QStringLiteral("this help")});
  if (!parser.parse(QStringList{QStringLiteral("twb")} + args)) {
    err << "twb tokenize: " << parser.errorText() << "\n\n" << kUsage;
    return kBadInput;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out << kUsage;
    return kOk;
  }
  bool numeric = false;
  const int maxLen = parser.value(QStringLiteral("max-len")).toInt(&numeric);
  const bool inlineText = parser.isSet(QStringLiteral("text"));
  const bool fromFile = parser.isSet(QStringLiteral("text-file"));
  if (parser.positionalArguments().size() != 1 || inlineText == fromFile || !numeric ||
      maxLen < 4) {
    err << "twb tokenize: needs FOLDER, one of --text and --text-file, and a --max-len of at "
           "least 4\n\n"
        << kUsage;
    return kBadInput;
  }
  try {
    const QString folder = parser.positionalArguments().first();
    const QString text = fromFile ? readTextFile(parser.value(QStringLiteral("text-file")))
                                  : parser.value(QStringLiteral("text"));
    const HfModelConfig config = readHfConfig(folder);
    const auto tokenizer = loadHfTokenizer(folder, config.modelType);
    const std::vector<int> a = tokenizer->encode(text);
    const std::vector<int> b = parser.isSet(QStringLiteral("pair"))
                                   ? tokenizer->encode(parser.value(QStringLiteral("pair")))
                                   : std::vector<int>{};
    const EncodedInput input = buildInput(config.encoder.arch, tokenizer->specials(), a, b, maxLen);
    QJsonArray tokens;
    for (int64_t id : input.ids) tokens.append(tokenizer->piece(static_cast<int>(id)));
    const QJsonObject result{
        {QStringLiteral("tokens"), tokens},
        {QStringLiteral("input_ids"), numbers(input.ids)},
        {QStringLiteral("token_type_ids"), numbers(input.types)},
        {QStringLiteral("attention_mask"), numbers(std::vector<int64_t>(input.ids.size(), 1))}};
    out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
  } catch (const InputError& e) {
    err << "twb: error: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    err << "twb tokenize failed: " << e.what() << "\n";
    return kRunFailed;
  }
  return kOk;
}

}  // namespace twb::cli

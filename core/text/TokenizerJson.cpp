#include "text/TokenizerJson.h"

#include <QJsonArray>
#include <algorithm>

#include "common/InputError.h"
#include "text/ByteLevelBpeTokenizer.h"
#include "text/HfJson.h"
#include "text/WordPieceTokenizer.h"

namespace twb {
namespace {

InputError unsupported(const QString& path, const QString& key, const QString& what) {
  return InputError(path, 0, 0, QStringLiteral("key '%1': %2 is not supported").arg(key, what));
}

QString typeOf(const QJsonObject& o) { return o.value(QStringLiteral("type")).toString(); }

QJsonObject member(const QJsonObject& o, const QString& name, const QString& path) {
  const QJsonValue v = o.value(name);
  if (!v.isObject())
    throw InputError(path, 0, 0, QStringLiteral("key '%1': expected an object").arg(name));
  return v.toObject();
}

QHash<QString, int> vocabMap(const QJsonObject& model, const QString& path) {
  const QJsonValue v = model.value(QStringLiteral("vocab"));
  if (!v.isObject())
    throw InputError(path, 0, 0, QStringLiteral("key 'model.vocab': expected an object"));
  const QJsonObject o = v.toObject();
  QHash<QString, int> vocab;
  vocab.reserve(o.size());
  for (auto it = o.begin(); it != o.end(); ++it)
    vocab.insert(it.key(), hfjson::id(it.value(), path, QStringLiteral("model.vocab.") + it.key()));
  if (vocab.isEmpty()) throw InputError(path, 0, 0, QStringLiteral("key 'model.vocab': empty"));
  return vocab;
}

// Merges are "left right" strings, or [left, right] pairs in newer files.
std::vector<BpeMerge> mergesOf(const QJsonObject& model, const QString& path) {
  const QJsonArray list = model.value(QStringLiteral("merges")).toArray();
  std::vector<BpeMerge> merges;
  merges.reserve(list.size());
  for (int i = 0; i < list.size(); ++i) {
    QStringList parts;
    if (list[i].isString()) {
      parts = list[i].toString().split(QLatin1Char(' '));
    } else if (list[i].isArray() && list[i].toArray().size() == 2) {
      parts = {list[i].toArray()[0].toString(), list[i].toArray()[1].toString()};
    }
    if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
      throw InputError(path, 0, 0,
                       QStringLiteral("key 'model.merges[%1]': expected \"left right\" or "
                                      "[left, right]")
                           .arg(i));
    merges.emplace_back(parts[0], parts[1]);
  }
  return merges;
}

std::unique_ptr<Tokenizer> wordPiece(const QJsonObject& root, const QJsonObject& model,
                                     const QString& path, const TokenizerJsonOptions& options) {
  const QJsonValue pre = root.value(QStringLiteral("pre_tokenizer"));
  if (typeOf(pre.toObject()) != QLatin1String("BertPreTokenizer"))
    throw unsupported(
        path, QStringLiteral("pre_tokenizer.type"),
        QStringLiteral("with WordPiece, a pre-tokenizer other than BertPreTokenizer"));
  WordPieceOptions o;
  const QJsonValue normalizer = root.value(QStringLiteral("normalizer"));
  if (normalizer.isNull()) {
    o.normalization = BertNormalization{false, false, false, false};
  } else if (const auto bert = tokenizerJsonBertNormalizer(root, path)) {
    o.normalization = *bert;
  } else {
    throw unsupported(path, QStringLiteral("normalizer.type"),
                      QStringLiteral("normalizer '%1'").arg(typeOf(normalizer.toObject())));
  }
  applyNormalizationOptions(o.normalization, options);
  o.specials = options.specials;
  o.specials.unk.content = hfjson::string(model, QStringLiteral("unk_token"),
                                          QStringLiteral("[UNK]"), path, QStringLiteral("model"));
  o.continuingPrefix = hfjson::string(model, QStringLiteral("continuing_subword_prefix"),
                                      QStringLiteral("##"), path, QStringLiteral("model"));
  o.maxCharsPerWord = model.value(QStringLiteral("max_input_chars_per_word")).toInt(100);
  o.added = tokenizerJsonAddedTokens(root, path);
  const QHash<QString, int> vocab = vocabMap(model, path);
  int size = 0;
  for (auto it = vocab.begin(); it != vocab.end(); ++it) size = std::max(size, it.value() + 1);
  QStringList pieces(size);
  for (auto it = vocab.begin(); it != vocab.end(); ++it) pieces[it.value()] = it.key();
  return WordPieceTokenizer::fromPieces(std::move(pieces), o, path);
}

std::unique_ptr<Tokenizer> byteLevelBpe(const QJsonObject& root, const QJsonObject& model,
                                        const QString& path, const TokenizerJsonOptions& options) {
  if (!root.value(QStringLiteral("normalizer")).isNull())
    throw unsupported(path, QStringLiteral("normalizer.type"),
                      QStringLiteral("with BPE, normalizer '%1'")
                          .arg(typeOf(root.value(QStringLiteral("normalizer")).toObject())));
  const QJsonObject pre = root.value(QStringLiteral("pre_tokenizer")).toObject();
  if (typeOf(pre) != QLatin1String("ByteLevel"))
    throw unsupported(path, QStringLiteral("pre_tokenizer.type"),
                      QStringLiteral("with BPE, a pre-tokenizer other than ByteLevel"));
  if (model.value(QStringLiteral("dropout")).toDouble(0.0) > 0.0)
    throw unsupported(path, QStringLiteral("model.dropout"), QStringLiteral("BPE dropout"));
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    if (!model.value(QLatin1String(key)).toString().isEmpty())
      throw unsupported(path, QStringLiteral("model.") + QLatin1String(key),
                        QStringLiteral("a non-empty value"));
  }
  ByteLevelBpeOptions o;
  o.addPrefixSpace = options.addPrefixSpace.value_or(hfjson::flag(
      pre, QStringLiteral("add_prefix_space"), false, path, QStringLiteral("pre_tokenizer")));
  o.useRegex =
      hfjson::flag(pre, QStringLiteral("use_regex"), true, path, QStringLiteral("pre_tokenizer"));
  o.specials = options.specials;
  o.added = tokenizerJsonAddedTokens(root, path);
  return ByteLevelBpeTokenizer::fromModel(vocabMap(model, path), mergesOf(model, path), o);
}

}  // namespace

void applyNormalizationOptions(BertNormalization& normalization,
                               const TokenizerJsonOptions& options) {
  if (options.lowercase) normalization.lowercase = *options.lowercase;
  if (options.stripAccents) normalization.stripAccents = options.stripAccents;
  if (options.chineseChars) normalization.chineseChars = *options.chineseChars;
}

std::vector<AddedToken> tokenizerJsonAddedTokens(const QJsonObject& root, const QString& path) {
  std::vector<AddedToken> out;
  const QJsonArray list = root.value(QStringLiteral("added_tokens")).toArray();
  for (int i = 0; i < list.size(); ++i) {
    const QString key = QStringLiteral("added_tokens[%1]").arg(i);
    const QJsonObject o = list[i].toObject();
    AddedToken t;
    readAddedTokenObject(t, o, path, key);
    t.id = hfjson::id(o.value(QStringLiteral("id")), path, key + QStringLiteral(".id"));
    out.push_back(t);
  }
  return out;
}

std::optional<BertNormalization> tokenizerJsonBertNormalizer(const QJsonObject& root,
                                                             const QString& path) {
  const QJsonObject n = root.value(QStringLiteral("normalizer")).toObject();
  if (typeOf(n) != QLatin1String("BertNormalizer")) return std::nullopt;
  const QString key = QStringLiteral("normalizer");
  BertNormalization b;
  b.cleanText = hfjson::flag(n, QStringLiteral("clean_text"), true, path, key);
  b.chineseChars = hfjson::flag(n, QStringLiteral("handle_chinese_chars"), true, path, key);
  b.lowercase = hfjson::flag(n, QStringLiteral("lowercase"), true, path, key);
  const QJsonValue strip = n.value(QStringLiteral("strip_accents"));
  if (!strip.isNull() && !strip.isUndefined())
    b.stripAccents = hfjson::flag(n, QStringLiteral("strip_accents"), false, path, key);
  return b;
}

std::vector<AddedToken> readAddedTokensJson(const QString& path) {
  const QJsonObject o = hfjson::readObject(path);
  std::vector<AddedToken> out;
  for (auto it = o.begin(); it != o.end(); ++it) {
    AddedToken t;
    t.content = it.key();
    t.id = hfjson::id(it.value(), path, it.key());
    out.push_back(t);
  }
  return out;
}

std::unique_ptr<Tokenizer> loadTokenizerJson(const QString& path,
                                             const TokenizerJsonOptions& options) {
  const QJsonObject root = hfjson::readObject(path);
  const QJsonObject model = member(root, QStringLiteral("model"), path);
  QString type = typeOf(model);
  if (type.isEmpty()) {  // older files name no type: tell the models apart by their fields
    type = model.contains(QStringLiteral("merges"))         ? QStringLiteral("BPE")
           : model.value(QStringLiteral("vocab")).isArray() ? QStringLiteral("Unigram")
                                                            : QStringLiteral("WordPiece");
  }
  if (type == QLatin1String("WordPiece")) return wordPiece(root, model, path, options);
  if (type == QLatin1String("BPE")) return byteLevelBpe(root, model, path, options);
  if (type == QLatin1String("Unigram"))
    throw unsupported(path, QStringLiteral("model.type"),
                      QStringLiteral("model 'Unigram' (read the folder's sentencepiece .model "
                                     "file instead: sentencepiece.bpe.model or spiece.model)"));
  throw unsupported(path, QStringLiteral("model.type"), QStringLiteral("model '%1'").arg(type));
}

}  // namespace twb

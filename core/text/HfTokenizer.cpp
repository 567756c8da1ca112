#include "text/HfTokenizer.h"

#include <QDir>
#include <QFileInfo>
#include <optional>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "text/ByteLevelBpeTokenizer.h"
#include "text/HfJson.h"
#include "text/HfSentencePieceTokenizer.h"
#include "text/TokenizerJson.h"
#include "text/WordPieceTokenizer.h"

namespace twb {
namespace {

const QString kTokenizerJson = QStringLiteral("tokenizer.json");
const QString kTokenizerConfig = QStringLiteral("tokenizer_config.json");
const QString kSpecialTokensMap = QStringLiteral("special_tokens_map.json");
const QString kAddedTokens = QStringLiteral("added_tokens.json");

// The folder's own settings: tokenizer_config.json, then special_tokens_map.json.
struct FolderSettings {
  QDir dir;
  QJsonObject config;
  SpecialTokenSet specials;

  FolderSettings(const QString& folder, const QString& modelType) : dir(folder) {
    const QString configPath = dir.filePath(kTokenizerConfig);
    const QString mapPath = dir.filePath(kSpecialTokensMap);
    config = hfjson::readObjectIfExists(configPath);
    specials = SpecialTokenSet::forFamily(modelType);
    specials.apply(config, configPath);
    specials.apply(hfjson::readObjectIfExists(mapPath), mapPath);
  }
  QString path(const QString& name) const { return dir.filePath(name); }
  bool has(const QString& name) const { return QFileInfo(path(name)).isFile(); }
  std::optional<bool> flag(const char* key) const {
    const QJsonValue v = config.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    return hfjson::flag(config, QLatin1String(key), false, path(kTokenizerConfig), QString());
  }
  // Added tokens: tokenizer.json's list when there is one, else added_tokens.json.
  std::vector<AddedToken> added() const {
    if (has(kTokenizerJson))
      return tokenizerJsonAddedTokens(hfjson::readObject(path(kTokenizerJson)),
                                      path(kTokenizerJson));
    return has(kAddedTokens) ? readAddedTokensJson(path(kAddedTokens)) : std::vector<AddedToken>();
  }
  TokenizerJsonOptions jsonOptions() const {
    TokenizerJsonOptions o;
    o.specials = specials;
    o.lowercase = flag("do_lower_case");
    o.stripAccents = flag("strip_accents");
    o.chineseChars = flag("tokenize_chinese_chars");
    o.addPrefixSpace = flag("add_prefix_space");
    return o;
  }
};

std::unique_ptr<Tokenizer> bertFromVocabTxt(const FolderSettings& s) {
  WordPieceOptions o;
  o.specials = s.specials;
  if (s.has(kTokenizerJson)) {
    const QString json = s.path(kTokenizerJson);
    if (const auto n = tokenizerJsonBertNormalizer(hfjson::readObject(json), json))
      o.normalization = *n;
  }
  applyNormalizationOptions(o.normalization, s.jsonOptions());
  o.added = s.added();
  return WordPieceTokenizer::fromVocabFile(s.path(QStringLiteral("vocab.txt")), o);
}

std::unique_ptr<Tokenizer> robertaFromVocabJson(const FolderSettings& s) {
  ByteLevelBpeOptions o;
  o.specials = s.specials;
  o.addPrefixSpace = s.flag("add_prefix_space").value_or(false);
  o.added = s.added();
  return ByteLevelBpeTokenizer::fromFiles(s.path(QStringLiteral("vocab.json")),
                                          s.path(QStringLiteral("merges.txt")), o);
}

std::unique_ptr<Tokenizer> xlmRobertaFromModel(const FolderSettings& s) {
  return HfSentencePieceTokenizer::loadXlmRoberta(s.path(QStringLiteral("sentencepiece.bpe.model")),
                                                  s.specials);
}

std::unique_ptr<Tokenizer> xlnetFromModel(const FolderSettings& s) {
  XlnetTextOptions text;
  text.lowercase = s.flag("do_lower_case").value_or(false);
  text.removeSpace = s.flag("remove_space").value_or(true);
  text.keepAccents = s.flag("keep_accents").value_or(false);
  return HfSentencePieceTokenizer::loadXlnet(s.path(QStringLiteral("spiece.model")), text,
                                             s.specials);
}

// Each model_type's own tokenizer: its files, in order of preference, and how to load them.
struct OwnTokenizer {
  const char* modelType;
  QStringList files;
  std::unique_ptr<Tokenizer> (*load)(const FolderSettings&);
};

const std::vector<OwnTokenizer>& ownTokenizers() {
  static const std::vector<OwnTokenizer> table{
      {"bert", {QStringLiteral("vocab.txt")}, bertFromVocabTxt},
      {"roberta",
       {QStringLiteral("vocab.json"), QStringLiteral("merges.txt")},
       robertaFromVocabJson},
      {"xlm-roberta", {QStringLiteral("sentencepiece.bpe.model")}, xlmRobertaFromModel},
      {"xlnet", {QStringLiteral("spiece.model")}, xlnetFromModel},
  };
  return table;
}

const OwnTokenizer& ownTokenizer(const QString& modelType) {
  for (const OwnTokenizer& own : ownTokenizers())
    if (modelType == QLatin1String(own.modelType)) return own;
  throw InputError(QStringLiteral("unsupported model_type '%1' (expected %2)")
                       .arg(modelType, hfModelTypes().join(QStringLiteral(", "))));
}

// A folder may name a tokenizer class other than its family's (BertJapaneseTokenizer with a
// bert model): that tokenizer splits words differently, so refuse it rather than give other ids.
void checkTokenizerClass(const QJsonObject& config, const QString& path, const QString& modelType) {
  QString name = config.value(QStringLiteral("tokenizer_class")).toString();
  if (name.isEmpty()) return;
  if (name.endsWith(QLatin1String("Fast"))) name.chop(4);
  const HfModelType* type = hfModelType(modelType);
  const QString expected =
      QString::fromLatin1(type ? type->classStem : "XLNet") + QStringLiteral("Tokenizer");
  if (name != expected && name != QLatin1String("PreTrainedTokenizer"))
    throw InputError(
        path, 0, 0,
        QStringLiteral("key \"tokenizer_class\": %1 is not supported; the workbench "
                       "implements %2 for model_type %3")
            .arg(config.value(QStringLiteral("tokenizer_class")).toString(), expected, modelType));
}

}  // namespace

std::unique_ptr<Tokenizer> loadHfTokenizer(const QString& folder, const QString& modelType) {
  const OwnTokenizer& own = ownTokenizer(modelType);
  if (!QFileInfo(folder).isDir())
    throw InputError(folder, 0, 0, QStringLiteral("no such checkpoint folder"));
  const FolderSettings s(folder, modelType);
  checkTokenizerClass(s.config, s.path(kTokenizerConfig), modelType);
  bool ownPresent = true;
  for (const QString& name : own.files) ownPresent = ownPresent && s.has(name);
  if (ownPresent) return own.load(s);
  if (s.has(kTokenizerJson)) return loadTokenizerJson(s.path(kTokenizerJson), s.jsonOptions());
  throw InputError(folder, 0, 0,
                   QStringLiteral("no %1 tokenizer here: looked for %2, or %3")
                       .arg(modelType, own.files.join(QStringLiteral(" + ")), kTokenizerJson));
}

QStringList hfTokenizerFiles(const QString& folder, const QString& modelType) {
  const QDir dir(folder);
  QStringList present;
  for (const QString& name :
       ownTokenizer(modelType).files +
           QStringList{kTokenizerJson, kTokenizerConfig, kSpecialTokensMap, kAddedTokens}) {
    if (QFileInfo(dir.filePath(name)).isFile()) present << name;
  }
  return present;
}

}  // namespace twb

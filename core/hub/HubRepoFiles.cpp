#include "hub/HubRepoFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <set>

#include "common/InputError.h"
#include "hub/HubNames.h"

namespace twb {
namespace {

const QString kConfig = QStringLiteral("config.json");
const QString kWeights = QStringLiteral("model.safetensors");
const QString kWeightsIndex = QStringLiteral("model.safetensors.index.json");

const QStringList& tokenizerFiles() {
  static const QStringList names = {QStringLiteral("tokenizer.json"),
                                    QStringLiteral("tokenizer_config.json"),
                                    QStringLiteral("special_tokens_map.json"),
                                    QStringLiteral("added_tokens.json"),
                                    QStringLiteral("vocab.txt"),
                                    QStringLiteral("vocab.json"),
                                    QStringLiteral("merges.txt"),
                                    QStringLiteral("sentencepiece.bpe.model"),
                                    QStringLiteral("spiece.model")};
  return names;
}

// Why a repository without safetensors weights is refused, and how to get some.
[[noreturn]] void refuseOtherWeights(const QStringList& repoFiles, const QString& repo) {
  QStringList pickled;
  QStringList foreign;
  for (const QString& f : repoFiles) {
    if (f.startsWith(QLatin1String("pytorch_model")) && f.contains(QLatin1String(".bin")))
      pickled << f;
    else if (f.startsWith(QLatin1String("tf_model")) || f.startsWith(QLatin1String("flax_model")))
      foreign << f;
  }
  if (pickled.isEmpty() && foreign.isEmpty())
    throw InputError(
        QStringLiteral("%1 has no model weights (%2 or %3)").arg(repo, kWeights, kWeightsIndex));
  QString message = QStringLiteral("%1 has no %2, only %3. ")
                        .arg(repo, kWeights, (pickled + foreign).join(QStringLiteral(", ")));
  if (!pickled.isEmpty())
    message += QStringLiteral(
        "A .bin file is a Python pickle, and loading a pickle can run arbitrary code, so Transfer "
        "Workbench loads safetensors only. ");
  message += QStringLiteral(
                 "To get safetensors weights: open https://huggingface.co/spaces/safetensors/"
                 "convert, which proposes them to the repository as a pull request, then fetch "
                 "that revision (refs/pr/N); or convert with Python and transformers: "
                 "AutoModel.from_pretrained(\"%1\"%2).save_pretrained(\"DIR\", "
                 "safe_serialization=True), and open DIR as a local model.")
                 .arg(repo, pickled.isEmpty() ? QStringLiteral(", from_tf=True") : QString());
  throw InputError(message);
}

}  // namespace

HubRepoFiles chooseCheckpointFiles(const QStringList& repoFiles, const QString& repo) {
  const auto has = [&](const QString& name) { return repoFiles.contains(name); };
  if (!has(kConfig))
    throw InputError(QStringLiteral("%1 has no %2: it is not a transformers model checkpoint")
                         .arg(repo, kConfig));
  HubRepoFiles chosen;
  chosen.files << kConfig;
  // The weights come last: when they are in the cache, so is everything fetched before them
  // (isCheckpointFolder relies on it).
  for (const QString& name : tokenizerFiles())
    if (has(name)) chosen.files << name;
  if (has(kWeights)) {
    chosen.files << kWeights;
  } else if (has(kWeightsIndex)) {
    chosen.files << kWeightsIndex;
    chosen.shardIndex = kWeightsIndex;
  } else {
    refuseOtherWeights(repoFiles, repo);
  }
  return chosen;
}

HubRepoFiles parseRepoListing(const QByteArray& json, const QString& repo) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
  const QJsonObject object = doc.object();
  const QString commit = object.value(QStringLiteral("sha")).toString();
  if (error.error != QJsonParseError::NoError || !doc.isObject() || !isCommitHash(commit) ||
      !object.value(QStringLiteral("siblings")).isArray())
    throw RunError(QStringLiteral("the Hub's description of %1 is not what was expected (JSON "
                                  "with \"sha\" and \"siblings\"): %2")
                       .arg(repo, QString::fromUtf8(json.left(200)))
                       .toStdString());
  QStringList repoFiles;
  for (const auto& sibling : object.value(QStringLiteral("siblings")).toArray())
    repoFiles << sibling.toObject().value(QStringLiteral("rfilename")).toString();
  HubRepoFiles chosen = chooseCheckpointFiles(repoFiles, repo);
  chosen.commit = commit;
  return chosen;
}

QStringList shardFiles(const QByteArray& indexJson, const QString& indexName) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(indexJson, &error);
  const QJsonObject map = doc.object().value(QStringLiteral("weight_map")).toObject();
  if (error.error != QJsonParseError::NoError || map.isEmpty())
    throw RunError(QStringLiteral("%1 is not a safetensors index (JSON with a weight_map)")
                       .arg(indexName)
                       .toStdString());
  std::set<QString> shards;
  for (const auto& value : map) {
    const QString shard = value.toString();
    if (!isSafeRelativePath(shard))
      throw RunError(QStringLiteral("%1 names the shard '%2', which is not a file name inside the "
                                    "repository")
                         .arg(indexName, shard)
                         .toStdString());
    shards.insert(shard);
  }
  return QStringList(shards.begin(), shards.end());
}

bool isCheckpointFolder(const QString& dir) {
  const QDir folder(dir);
  // QFileInfo::exists follows links: a link whose blob is gone does not count.
  const auto present = [&](const QString& name) {
    return QFileInfo::exists(folder.filePath(name));
  };
  if (!present(kConfig)) return false;
  if (present(kWeights)) return true;
  QFile index(folder.filePath(kWeightsIndex));
  if (!index.open(QIODevice::ReadOnly)) return false;
  try {
    for (const QString& shard : shardFiles(index.readAll(), index.fileName()))
      if (!present(shard)) return false;
  } catch (const RunError&) {
    return false;
  }
  return true;
}

}  // namespace twb

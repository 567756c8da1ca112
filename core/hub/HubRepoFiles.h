// HubRepoFiles: which files of a Hub model repository make a checkpoint Transfer Workbench loads.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace twb {

struct HubRepoFiles {
  QString commit;      // the commit the listing describes
  QStringList files;   // config.json, tokenizer files, then the weights (or their shard index)
  QString shardIndex;  // "model.safetensors.index.json" when the weights are sharded; else empty
};

// Picks the checkpoint's files among those the repository holds. Throws InputError when there is
// no config.json, or no safetensors weights (pickled or TensorFlow/Flax weights are refused with
// how to convert them).
HubRepoFiles chooseCheckpointFiles(const QStringList& repoFiles, const QString& repo);

// Reads the Hub's answer to GET /api/models/{repo}/revision/{revision}: "sha" and
// "siblings":[{"rfilename"}]; throws RunError when it is not such JSON.
HubRepoFiles parseRepoListing(const QByteArray& json, const QString& repo);

// The shard files a model.safetensors.index.json names in its weight_map, sorted; throws
// RunError when the index is not valid or names an unsafe path.
QStringList shardFiles(const QByteArray& indexJson, const QString& indexName);

// True when dir holds config.json and complete safetensors weights (every shard of an index).
// fetchHubModel fetches the weights last, so this also means its tokenizer files are there.
bool isCheckpointFolder(const QString& dir);

}  // namespace twb

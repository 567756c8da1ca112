// HubFetch: brings a model checkpoint from the Hugging Face Hub into the Hugging Face cache and
// says where its snapshot folder is; the one entry point the CLI and the GUI's worker call.
#pragma once

#include <QString>
#include <QStringList>
#include <functional>

#include "hub/HubSettings.h"

namespace twb {

// Bytes of the file being fetched and of the whole fetch. Sizes are those the Hub announced;
// files found in the cache count as done from the start.
struct HubProgress {
  QString file;       // relative to the snapshot folder
  int fileIndex = 0;  // 0-based, among fileCount
  int fileCount = 0;
  qint64 fileDone = 0;
  qint64 fileTotal = -1;  // -1 when the Hub did not say
  qint64 done = 0;
  qint64 total = 0;
};

struct HubFetchOptions {
  QString revision = QStringLiteral("main");  // branch, tag or commit
  HubSettings settings = HubSettings::fromEnvironment();
  std::function<void(const HubProgress&)> progress;  // at most every 100 ms, and per file end
  std::function<void(const QString&)> log;           // one line per notable step
  std::function<bool()> cancelled;                   // polled every 50 ms during transfers
};

struct HubFetchResult {
  QString snapshotDir;  // {cache}/models--org--name/snapshots/{commit}
  QString commit;
  QStringList files;  // the checkpoint's files, relative to snapshotDir
};

// Fetches config.json, the safetensors weights (all shards) and the tokenizer files of repo
// into the cache, skipping what is already there and resuming broken downloads; with
// settings.offline answers from the cache alone. Blocks until done; callable from any thread.
// Throws InputError (bad id, gated, not found, no safetensors, offline and not cached),
// RunError (network, checksum, disk) or Cancelled (common/TaskState.h); a cancelled or broken
// download keeps its partial blob for the next call to resume.
HubFetchResult fetchHubModel(const QString& repo, const HubFetchOptions& options);

// The snapshot folder of repo at revision when the cache holds a complete checkpoint for it
// (config.json and safetensors weights); empty otherwise. Never touches the network.
QString cachedSnapshot(const QString& repo, const QString& revision, const HubSettings& settings);

}  // namespace twb

// HubSettings: where the Hugging Face Hub is, where its cache lives and which token to send,
// read from the environment the way the Hugging Face tools read it.
#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace twb {

struct HubSettings {
  QString endpoint = QStringLiteral("https://huggingface.co");  // HF_ENDPOINT, no trailing '/'
  QString cacheDir;      // holds the models--org--name folders (HF_HUB_CACHE, HF_HOME/hub, ...)
  QString token;         // HF_TOKEN or the token file; empty: no Authorization header
  QString tokenFile;     // where a token is looked for; named in error messages
  bool offline = false;  // HF_HUB_OFFLINE: answer from the cache only

  // Endpoint from HF_ENDPOINT; cache from HF_HUB_CACHE, else HF_HOME/hub, else
  // $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub; token from HF_TOKEN, else the
  // file HF_TOKEN_PATH, else HF_HOME/token; HF_HUB_OFFLINE=1 (or true, yes, on) for offline.
  static HubSettings fromEnvironment();
  static HubSettings fromEnvironment(const QProcessEnvironment& environment);
};

}  // namespace twb

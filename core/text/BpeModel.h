// BpeModel: byte-pair encoding of one pre-token by merge rank, with a cache of words seen.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <utility>
#include <vector>

namespace twb {

using BpeMerge = std::pair<QString, QString>;

// Starts from the word's characters and repeatedly merges every occurrence (left to right) of
// the adjacent pair with the lowest merge rank, as GPT-2's and Hugging Face's BPE do; each
// resulting piece becomes its vocabulary id, or unkId (dropped when unkId < 0) when absent.
class BpeModel {
 public:
  BpeModel(QHash<QString, int> vocab, const std::vector<BpeMerge>& merges, int unkId);

  // Appends the ids of one pre-token. Thread-safe.
  void encodeWord(const QString& word, std::vector<int>& out) const;
  // The pieces of one pre-token, before the vocabulary lookup.
  QStringList pieces(const QString& word) const;
  const QHash<QString, int>& vocab() const { return vocab_; }

 private:
  static constexpr int kCacheLimit = 100000;  // words; the cache starts over past this

  QHash<QString, int> vocab_;
  QHash<QString, int> ranks_;  // "left right" -> merge rank
  int unkId_;
  mutable QMutex cacheMutex_;
  mutable QHash<QString, std::vector<int>> cache_;
};

}  // namespace twb

#include "text/BpeModel.h"

#include <QStringList>
#include <limits>

namespace twb {
namespace {

QString pairKey(const QString& left, const QString& right) {
  return left + QLatin1Char(' ') + right;
}

}  // namespace

BpeModel::BpeModel(QHash<QString, int> vocab, const std::vector<BpeMerge>& merges, int unkId)
    : vocab_(std::move(vocab)), unkId_(unkId) {
  ranks_.reserve(static_cast<qsizetype>(merges.size()));
  // A repeated pair keeps its last rank, as in GPT-2's and Hugging Face's dictionaries.
  for (size_t rank = 0; rank < merges.size(); ++rank)
    ranks_[pairKey(merges[rank].first, merges[rank].second)] = static_cast<int>(rank);
}

QStringList BpeModel::pieces(const QString& word) const {
  QStringList symbols;
  for (qsizetype i = 0; i < word.size(); ++i) {
    const qsizetype len = word[i].isHighSurrogate() && i + 1 < word.size() ? 2 : 1;
    symbols << word.mid(i, len);
    i += len - 1;
  }
  while (symbols.size() > 1) {
    int best = std::numeric_limits<int>::max();
    qsizetype bestAt = -1;
    for (qsizetype i = 0; i + 1 < symbols.size(); ++i) {
      const int rank = ranks_.value(pairKey(symbols[i], symbols[i + 1]), -1);
      if (rank >= 0 && rank < best) {
        best = rank;
        bestAt = i;
      }
    }
    if (bestAt < 0) break;
    const QString left = symbols[bestAt];
    const QString right = symbols[bestAt + 1];
    QStringList merged;
    merged.reserve(symbols.size());
    for (qsizetype i = 0; i < symbols.size(); ++i) {
      if (i + 1 < symbols.size() && symbols[i] == left && symbols[i + 1] == right) {
        merged << left + right;
        ++i;
      } else {
        merged << symbols[i];
      }
    }
    symbols = std::move(merged);
  }
  return symbols;
}

void BpeModel::encodeWord(const QString& word, std::vector<int>& out) const {
  {
    QMutexLocker lock(&cacheMutex_);
    const auto it = cache_.constFind(word);
    if (it != cache_.constEnd()) {
      out.insert(out.end(), it->begin(), it->end());
      return;
    }
  }
  std::vector<int> ids;
  for (const QString& piece : pieces(word)) {
    const int id = vocab_.value(piece, unkId_);
    if (id >= 0) ids.push_back(id);
  }
  out.insert(out.end(), ids.begin(), ids.end());
  QMutexLocker lock(&cacheMutex_);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  cache_.insert(word, std::move(ids));
}

}  // namespace twb

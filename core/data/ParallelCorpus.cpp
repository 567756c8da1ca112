#include "data/ParallelCorpus.h"

#include <QSet>
#include <algorithm>

namespace twb {

QVector<QPair<QString, QString>> ParallelCorpus::aligned(const QString& language) const {
  QVector<QPair<QString, QString>> pairs;
  const auto pivotTexts = texts.find(pivot);
  const auto languageTexts = texts.find(language);
  if (pivotTexts == texts.end() || languageTexts == texts.end()) return pairs;
  for (const auto& [key, text] : languageTexts->second) {
    const auto english = pivotTexts->second.find(key);
    if (english != pivotTexts->second.end()) pairs.push_back({english->second, text});
  }
  return pairs;
}

int ParallelCorpus::size(const QString& language) const {
  const auto found = texts.find(language);
  return found == texts.end() ? 0 : static_cast<int>(found->second.size());
}

int ParallelCorpus::totalSize() const {
  int total = 0;
  for (const auto& entry : texts) total += static_cast<int>(entry.second.size());
  return total;
}

void addParallelText(ParallelCorpus& corpus, const QString& language, const QString& key,
                     const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty() || language.isEmpty()) return;
  corpus.texts[language][key] = trimmed;
  const auto at = std::lower_bound(corpus.languages.begin(), corpus.languages.end(), language);
  if (at == corpus.languages.end() || *at != language) corpus.languages.insert(at, language);
}

void dropRepeatedTexts(ParallelCorpus& corpus) {
  for (auto& [language, items] : corpus.texts) {
    QSet<QString> seen;
    int dropped = 0;
    for (auto it = items.begin(); it != items.end();) {
      if (seen.contains(it->second)) {
        it = items.erase(it);
        ++dropped;
      } else {
        seen.insert(it->second);
        ++it;
      }
    }
    corpus.duplicatesDropped[language] += dropped;
  }
}

}  // namespace twb

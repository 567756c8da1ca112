#include "experiment/PretrainShares.h"

#include "data/Catalog.h"
#include "data/DatasetReader.h"

namespace twb {

std::map<QString, double> pretrainingShares(const ExperimentSpec& spec, const QString& dataDir) {
  std::map<QString, double> chars;
  if (!spec.pretrain.enabled() || spec.model.from != QLatin1String("scratch")) return {};
  const Catalog catalog(dataDir);
  try {
    for (const DatasetRef& ref : spec.pretrain.text) {
      if (!ref.isFile() && !catalog.isFetched(ref.id)) return {};
      if (!ref.isFile() && Catalog::isParallel(ref.id)) {
        for (const auto& [language, items] : catalog.loadParallel(ref.id).texts)
          for (const auto& [key, text] : items) chars[language] += text.size();
        continue;
      }
      const Dataset data =
          ref.isFile() ? readDataset(ref, QStringLiteral("text")) : catalog.load(ref.id);
      const QString language = !ref.language.isEmpty()    ? ref.language
                               : !data.language.isEmpty() ? data.language
                                                          : QStringLiteral("en");
      for (const Example& e : data.examples) chars[language] += e.text.size() + e.pair.size();
    }
  } catch (const std::exception&) {
    return {};  // a dataset that no longer reads: the shares are unknown, not guessed
  }
  double total = 0;
  for (const auto& [language, count] : chars) total += count;
  if (total <= 0) return {};
  for (auto& [language, count] : chars) count /= total;
  return chars;
}

}  // namespace twb

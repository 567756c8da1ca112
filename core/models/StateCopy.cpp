// StateCopy: checked copying of a checkpoint state into a model, with Hugging Face key aliases.
#include "models/StateCopy.h"

#include <QStringList>

#include "common/InputError.h"

namespace twb {

QString shapeText(torch::IntArrayRef shape) {
  QStringList sizes;
  for (auto size : shape) sizes << QString::number(size);
  return QStringLiteral("[%1]").arg(sizes.join(QStringLiteral(", ")));
}

bool hasPrefix(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool hasSuffix(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The names a checkpoint may use for one of our keys: itself, the TensorFlow-era
// LayerNorm gamma/beta, and either without the family prefix (some BERT checkpoints).
std::vector<std::string> stateAliases(const std::string& key, const std::string& prefix) {
  std::vector<std::string> names{key};
  const std::string ln = "LayerNorm.";
  if (hasSuffix(key, ln + "weight")) names.push_back(key.substr(0, key.size() - 6) + "gamma");
  if (hasSuffix(key, ln + "bias")) names.push_back(key.substr(0, key.size() - 4) + "beta");
  if (hasPrefix(key, prefix + ".")) {
    const std::size_t count = names.size();
    for (std::size_t i = 0; i < count; ++i) names.push_back(names[i].substr(prefix.size() + 1));
  }
  return names;
}

// Keys a Hugging Face checkpoint holds that this model has no parameter for by design: tied
// decoders (they are the word embeddings) and the position-id buffer.
bool tiedOrBufferKey(const std::string& key) {
  static const std::set<std::string> tied{"cls.predictions.decoder.weight",
                                          "cls.predictions.decoder.bias", "lm_head.decoder.weight",
                                          "lm_head.decoder.bias", "lm_loss.weight"};
  return tied.count(key) > 0 || hasSuffix(key, "embeddings.position_ids");
}

// Checks every target against state (missing keys, shapes), then copies them all, so a failed
// load leaves the model untouched. Returns the state keys used.
std::set<std::string> copyState(const std::vector<StateTarget>& targets, const StateDict& state,
                                const std::string& prefix, const QString& what) {
  QStringList problems;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
  std::set<std::string> used;
  for (const StateTarget& target : targets) {
    const QString key = QString::fromStdString(target.key);
    auto found = state.end();
    for (const std::string& name : stateAliases(target.key, prefix)) {
      found = state.find(name);
      if (found != state.end()) break;
    }
    if (found == state.end()) {
      if (!target.optional) problems << QStringLiteral("missing key \"%1\"").arg(key);
      continue;
    }
    used.insert(found->first);
    if (!found->second.defined() || found->second.sizes() != target.tensor.sizes()) {
      problems << QStringLiteral("key \"%1\" has shape %2 but the model needs %3")
                      .arg(QString::fromStdString(found->first),
                           found->second.defined() ? shapeText(found->second.sizes())
                                                   : QStringLiteral("(undefined)"),
                           shapeText(target.tensor.sizes()));
      continue;
    }
    copies.emplace_back(target.tensor, found->second);
  }
  if (!problems.isEmpty()) {
    const int shown = 8;
    QString text = problems.mid(0, shown).join(QStringLiteral("; "));
    if (problems.size() > shown)
      text += QStringLiteral("; and %1 more").arg(problems.size() - shown);
    throw InputError(QStringLiteral("%1 does not fit the model: %2").arg(what, text));
  }
  torch::NoGradGuard noGrad;
  for (auto& [destination, source] : copies) destination.copy_(source);
  return used;
}

}  // namespace twb

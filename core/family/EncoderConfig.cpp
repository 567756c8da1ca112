#include "family/EncoderConfig.h"

#include <unistd.h>

#include <QStringList>
#include <algorithm>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"

namespace twb {
namespace {

struct Preset {
  const char* name;
  int layers;
  int hidden;
  int heads;
  int intermediate;
};

constexpr Preset kPresets[] = {
    {"tiny", 2, 128, 2, 512},
    {"mini", 4, 256, 4, 1024},
    {"small", 4, 512, 8, 2048},
    {"base", 12, 768, 12, 3072},
};

const Preset* findPreset(const QString& size) {
  for (const Preset& preset : kPresets) {
    if (size == QLatin1String(preset.name)) return &preset;
  }
  return nullptr;
}

QString presetNames() {
  QStringList names;
  for (const Preset& preset : kPresets) names << QLatin1String(preset.name);
  return names.join(QStringLiteral(", "));
}

}  // namespace

EncoderConfig EncoderConfig::fromSpec(const ModelSpec& spec, int vocabSize, int padId) {
  const QString arch = spec.arch.trimmed().toLower();
  if (!familyTraitsOf(arch)) {
    throw InputError(QStringLiteral("model.arch: unknown architecture \"%1\"; valid values: %2")
                         .arg(spec.arch, vocab::names<vocab::Family>().join(QStringLiteral(", "))));
  }
  const Preset* preset = findPreset(spec.size.trimmed().toLower());
  if (preset == nullptr) {
    throw InputError(QStringLiteral("model.size: unknown size \"%1\"; valid values: %2")
                         .arg(spec.size, presetNames()));
  }

  EncoderConfig config;
  config.arch = arch;
  config.vocabSize = vocabSize > 0 ? vocabSize : spec.vocabSize;
  config.layers = spec.layers > 0 ? spec.layers : preset->layers;
  config.hidden = spec.hidden > 0 ? spec.hidden : preset->hidden;
  config.heads = spec.heads > 0 ? spec.heads : preset->heads;
  config.intermediate = spec.ff > 0 ? spec.ff : preset->intermediate;
  config.dropout = spec.dropout;
  config.padId = padId;

  if (config.vocabSize <= 0) {
    throw InputError(
        QStringLiteral("model.vocab_size: must be positive, got %1").arg(config.vocabSize));
  }
  if (config.hidden % config.heads != 0) {
    throw InputError(QStringLiteral("model.heads: hidden size %1 is not divisible by %2 heads")
                         .arg(config.hidden)
                         .arg(config.heads));
  }
  if (config.dropout < 0 || config.dropout >= 1) {
    throw InputError(
        QStringLiteral("model.dropout: must be in [0, 1), got %1").arg(config.dropout));
  }
  if (padId < 0 || padId >= config.vocabSize) {
    throw InputError(QStringLiteral("model: padding id %1 is outside the vocabulary of %2")
                         .arg(padId)
                         .arg(config.vocabSize));
  }

  const FamilyTraits& traits = *familyTraitsOf(arch);
  // RoBERTa's positions start at padId + 1, so 512 tokens need padId + 513 rows (514 for padId
  // 1); XLNet's are relative, so 512 is a convention, not a table size.
  config.maxPositions = traits.positionsAfterPad ? std::max(514, padId + 513) : 512;
  config.typeVocab = traits.typeVocab;
  config.layerNormEps = traits.layerNormEps;
  return config;
}

int EncoderConfig::maxTokens() const {
  const FamilyTraits* traits = familyTraitsOf(arch);
  return traits && traits->positionsAfterPad ? maxPositions - padId - 1 : maxPositions;
}

}  // namespace twb

namespace twb {

double EncoderConfig::parameterCount() const {
  const double h = hidden, ff = intermediate;
  const double embeddings = (static_cast<double>(vocabSize) + maxPositions + typeVocab) * h + 2 * h;
  const double attention = 4 * (h * h + h) + 2 * h;
  const double feedForward = 2 * h * ff + ff + h + 2 * h;
  return embeddings + layers * (attention + feedForward) + (h * h + h);
}

double EncoderConfig::trainingBytes(int batchSize, int maxLen) const {
  constexpr double kFloat = 4;
  const double tokens = static_cast<double>(batchSize) * maxLen;
  // Per layer and token: about a dozen hidden-sized tensors (inputs, q, k, v, outputs, norms,
  // dropout masks), two feed-forward-sized ones, and each head's attention row twice.
  const double perLayerToken = 12.0 * hidden + 2.0 * intermediate + 2.0 * heads * maxLen;
  const double activations = layers * tokens * perLayerToken * kFloat;
  const double logits = tokens * vocabSize * kFloat;  // a masked-LM head, when pretraining
  return 4 * parameterCount() * kFloat + activations + logits;
}

void checkTrainingFits(const EncoderConfig& config, int batchSize, int maxLen,
                       const QString& source, double physicalBytes, const QString& batchKey) {
  if (physicalBytes <= 0)
    physicalBytes = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGE_SIZE);
  const double needed = config.trainingBytes(batchSize, maxLen);
  if (needed <= physicalBytes) return;
  constexpr double kGiB = 1024.0 * 1024 * 1024;
  // Name first what takes most: the weights (the model's sizes) or one batch's activations.
  const double weights = 4 * config.parameterCount() * 4;
  const QString model = QStringLiteral(
                            "model.layers (%1), model.hidden (%2), model.ff (%3) or "
                            "model.vocab_size (%4)")
                            .arg(config.layers)
                            .arg(config.hidden)
                            .arg(config.intermediate)
                            .arg(config.vocabSize);
  const QString batch =
      QStringLiteral("%1 (%2) or train.max_len (%3)").arg(batchKey).arg(batchSize).arg(maxLen);
  const bool weightsFirst = weights >= needed - weights;
  throw InputError(
      source, 0, 0,
      QStringLiteral("model: training it needs about %1 GiB (%2 million weights with their "
                     "gradients and Adam's state: %3 GiB; one batch's activations: %4 GiB), "
                     "more than this machine's %5 GiB; make %6 smaller, or %7")
          .arg(needed / kGiB, 0, 'g', 3)
          .arg(config.parameterCount() / 1e6, 0, 'f', 1)
          .arg(weights / kGiB, 0, 'g', 3)
          .arg((needed - weights) / kGiB, 0, 'g', 3)
          .arg(physicalBytes / kGiB, 0, 'f', 1)
          .arg(weightsFirst ? model : batch)
          .arg(weightsFirst ? batch : model));
}

}  // namespace twb

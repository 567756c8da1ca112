#include "models/EncoderConfig.h"

#include <QStringList>
#include <algorithm>

#include "common/InputError.h"

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

const QStringList& validArchs() {
  static const QStringList archs{QStringLiteral("bert"), QStringLiteral("roberta"),
                                 QStringLiteral("xlnet")};
  return archs;
}

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
  if (!validArchs().contains(arch)) {
    throw InputError(QStringLiteral("model.arch: unknown architecture \"%1\"; valid values: %2")
                         .arg(spec.arch, validArchs().join(QStringLiteral(", "))));
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

  if (arch == QLatin1String("roberta")) {
    // Positions start at padId + 1, so 512 tokens need padId + 513 rows (514 for padId 1).
    config.maxPositions = std::max(514, padId + 513);
    config.typeVocab = 1;
    config.layerNormEps = 1e-5;
  } else if (arch == QLatin1String("xlnet")) {
    config.maxPositions = 512;  // positions are relative: a convention, not a table size
    config.typeVocab = 3;       // segments 0, 1 and 2 (<cls>), compared for equality
    config.layerNormEps = 1e-12;
  } else {
    config.maxPositions = 512;
    config.typeVocab = 2;
    config.layerNormEps = 1e-12;
  }
  return config;
}

int EncoderConfig::maxTokens() const {
  return arch == QLatin1String("roberta") ? maxPositions - padId - 1 : maxPositions;
}

}  // namespace twb

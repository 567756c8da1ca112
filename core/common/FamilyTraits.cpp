#include "common/FamilyTraits.h"

namespace twb {

const std::vector<FamilyTraits>& allFamilyTraits() {
  // MODELS.md has where each value comes from in the original implementations.
  static const std::vector<FamilyTraits> table{
      {vocab::Family::Bert,
       "BERT",
       EncoderKind::Bert,
       "bert",
       {{"bert", "Bert"}},
       nullptr,
       InputLayout{},
       2,
       1e-12,
       0,
       false,
       true,
       "pooler_output",
       {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", false, {}}},
      {vocab::Family::Roberta,
       "RoBERTa",
       EncoderKind::Bert,
       "roberta",
       {{"roberta", "Roberta"}, {"xlm-roberta", "XLMRoberta"}},
       nullptr,
       InputLayout{true, 2, 0, 0, false, 0},
       1,
       1e-5,
       1,
       true,
       false,
       "pooler_output",
       {"<pad>", "<unk>", "<s>", "</s>", "<mask>", true, {}}},
      {vocab::Family::Xlnet,
       "XLNet",
       EncoderKind::Xlnet,
       "transformer",
       {{"xlnet", "XLNet"}},
       "XLNetLMHeadModel",
       InputLayout{false, 1, 1, 2, true, 3},
       3,
       1e-12,
       5,
       false,
       false,
       "sequence_summary",
       {"<pad>", "<unk>", "<cls>", "<sep>", "<mask>", true, {"<s>", "</s>", "<eop>", "<eod>"}}},
  };
  return table;
}

const FamilyTraits& familyTraits(vocab::Family family) {
  for (const FamilyTraits& traits : allFamilyTraits())
    if (traits.family == family) return traits;
  return allFamilyTraits().front();  // unreachable: every Family has a row
}

const FamilyTraits* familyTraitsOf(const QString& arch) {
  const std::optional<vocab::Family> family = vocab::parse<vocab::Family>(arch);
  return family ? &familyTraits(*family) : nullptr;
}

const HfModelType* hfModelType(const QString& modelType) {
  for (const FamilyTraits& traits : allFamilyTraits())
    for (const HfModelType& type : traits.hfTypes)
      if (modelType == QLatin1String(type.modelType)) return &type;
  return nullptr;
}

const FamilyTraits* familyOfHfType(const QString& modelType) {
  for (const FamilyTraits& traits : allFamilyTraits())
    for (const HfModelType& type : traits.hfTypes)
      if (modelType == QLatin1String(type.modelType)) return &traits;
  return nullptr;
}

QStringList hfModelTypes() {
  QStringList names;
  for (const FamilyTraits& traits : allFamilyTraits())
    for (const HfModelType& type : traits.hfTypes) names << QString::fromLatin1(type.modelType);
  return names;
}

}  // namespace twb

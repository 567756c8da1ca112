// FamilyTraits: everything that tells BERT, RoBERTa and XLNet apart, one table row per family.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "common/Vocabulary.h"

namespace twb {

// The two encoder bodies the engine builds: absolute positions with post-LayerNorm blocks
// (BERT, RoBERTa) or two-stream relative attention (XLNet).
enum class EncoderKind { Bert, Xlnet };

// Where the special tokens go and which segment id each part gets.
struct InputLayout {
  bool clsFirst = true;      // [CLS] a [SEP] (BERT, RoBERTa) or a <sep> <cls> (XLNet)
  int sepsBetween = 1;       // RoBERTa: </s></s> between a pair
  int secondSegment = 1;     // the segment id of a pair's second text (RoBERTa: 0)
  int clsSegment = 0;        // XLNet: 2
  bool leftPadding = false;  // XLNet pads on the left
  int padSegment = 0;        // XLNet's pad_token_type_id: 3
};

// One Hugging Face model_type a family reads, with its class-name stem ("XLMRoberta").
struct HfModelType {
  const char* modelType;
  const char* classStem;
};

// The strings a family's tokenizer uses as special tokens (Hugging Face's defaults, before a
// tokenizer_config.json overrides them).
struct SpecialTokenStrings {
  const char* pad;
  const char* unk;
  const char* cls;
  const char* sep;
  const char* mask;
  bool maskTakesSpaceBefore;       // <mask> swallows the whitespace before it (lstrip)
  std::vector<const char*> extra;  // further specials matched in text
};

struct FamilyTraits {
  vocab::Family family;
  const char* displayName;  // as the window lists it
  EncoderKind encoder;
  const char* modulePrefix;  // Hugging Face's module name for the encoder's keys
  std::vector<HfModelType> hfTypes;
  const char* maskedLmClass;  // nullptr: <stem>ForMaskedLM
  InputLayout layout;
  int typeVocab;  // rows of the token-type table (XLNet: segments compared)
  double layerNormEps;
  int defaultPadId;            // pad_token_id when a config.json leaves it out
  bool positionsAfterPad;      // RoBERTa: positions start at padId + 1
  bool poolerForSequenceHead;  // BERT's sequence heads read the [CLS] pooler
  const char* summaryOutput;   // name of the summary vector in an export
  SpecialTokenStrings specials;
};

// Every family the workbench runs, in the order it lists them.
const std::vector<FamilyTraits>& allFamilyTraits();
const FamilyTraits& familyTraits(vocab::Family family);
// nullptr for a name no family has.
const FamilyTraits* familyTraitsOf(const QString& arch);
// The family reading a Hugging Face model_type; nullptr for none.
const FamilyTraits* familyOfHfType(const QString& modelType);
const HfModelType* hfModelType(const QString& modelType);
// Every model_type the workbench reads ("bert", "roberta", "xlm-roberta", "xlnet").
QStringList hfModelTypes();

}  // namespace twb

#include "text/ModelInputs.h"

#include <algorithm>

#include "common/FamilyTraits.h"
#include "common/InputError.h"

namespace twb {
namespace {

// Hugging Face's "longest_first": the shorter text keeps up to half the budget, the longer one
// the rest (on a tie, A counts as the longer), so an odd budget's spare token goes to the longer.
void truncatePair(std::vector<int>& a, std::vector<int>& b, size_t budget) {
  if (a.size() + b.size() <= budget) return;
  const bool bLonger = b.size() > a.size();
  std::vector<int>& longer = bLonger ? b : a;
  std::vector<int>& shorter = bLonger ? a : b;
  shorter.resize(std::min(shorter.size(), budget / 2));
  longer.resize(budget - shorter.size());
}

void append(EncodedInput& out, const std::vector<int>& ids, int64_t type) {
  for (int id : ids) {
    out.ids.push_back(id);
    out.types.push_back(type);
  }
}

}  // namespace

EncodedInput buildInput(const QString& arch, const SpecialIds& s, std::vector<int> a,
                        std::vector<int> b, int maxLen) {
  const FamilyTraits* traits = familyTraitsOf(arch);
  if (!traits) throw InputError(QStringLiteral("unknown model family '%1'").arg(arch));
  const InputLayout& layout = traits->layout;
  const bool pair = !b.empty();
  EncodedInput out;
  // Single: [CLS] a [SEP] or a <sep> <cls>; a pair adds sepsBetween - 1 separators, b and [SEP].
  truncatePair(a, b, std::max(0, maxLen - (pair ? 2 + layout.sepsBetween : 2)));
  if (layout.clsFirst) append(out, {s.cls}, 0);
  append(out, a, 0);
  append(out, {s.sep}, 0);
  if (pair) {
    for (int i = 1; i < layout.sepsBetween; ++i) append(out, {s.sep}, 0);
    append(out, b, layout.secondSegment);
    append(out, {s.sep}, layout.secondSegment);
  }
  if (!layout.clsFirst) append(out, {s.cls}, layout.clsSegment);
  return out;
}

Batch padBatch(const QString& arch, const SpecialIds& s, const std::vector<EncodedInput>& inputs) {
  Batch batch;
  batch.rows = static_cast<int>(inputs.size());
  for (const auto& in : inputs) batch.cols = std::max(batch.cols, static_cast<int>(in.ids.size()));
  const size_t cells = static_cast<size_t>(batch.rows) * batch.cols;
  const FamilyTraits* traits = familyTraitsOf(arch);
  if (!traits) throw InputError(QStringLiteral("unknown model family '%1'").arg(arch));
  const bool left = traits->layout.leftPadding;
  batch.ids.assign(cells, s.pad);
  batch.mask.assign(cells, 0);
  batch.types.assign(cells, traits->layout.padSegment);
  for (int r = 0; r < batch.rows; ++r) {
    const auto& in = inputs[r];
    const size_t offset =
        static_cast<size_t>(r) * batch.cols + (left ? batch.cols - in.ids.size() : 0);
    std::copy(in.ids.begin(), in.ids.end(), batch.ids.begin() + offset);
    std::copy(in.types.begin(), in.types.end(), batch.types.begin() + offset);
    std::fill_n(batch.mask.begin() + offset, in.ids.size(), 1);
  }
  return batch;
}

}  // namespace twb

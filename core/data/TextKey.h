// TextKey: the form in which two texts count as the same text for leakage checks.
#pragma once

#include <QString>

namespace twb {

// Trimmed, every run of whitespace one space, case-folded: "  The  Cat " and "the cat" are one
// key, so a test text cannot slip past the split or the contamination check by its spacing or
// its capitals.
inline QString textKey(const QString& text) { return text.simplified().toCaseFolded(); }

}  // namespace twb

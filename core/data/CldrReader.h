// CldrReader: a parallel corpus of emoji names from CLDR's annotations (npm package
// cldr-annotations-full): item key = the emoji, text = its text-to-speech ("tts") name.
#pragma once

#include <QString>
#include <QStringList>

#include "data/ParallelCorpus.h"

namespace twb {

// Reads annotationsFolder/<locale>/annotations.json for every locale. One locale per language:
// the one with the most names, ties going to the locale with the fewest subtags (the base
// language: "sr" over "sr-Latn", "zh" over "zh-Hant"), so regional variants, which CLDR stores
// as the few names that differ from their parent's, never replace it. Empty locales and "und"
// (root) are left out. Each left-out locale adds a line to notes. Throws RunError when the
// folder holds no annotations at all or English is missing (a changed package).
ParallelCorpus readCldrNames(const QString& annotationsFolder, QStringList* notes = nullptr);

}  // namespace twb

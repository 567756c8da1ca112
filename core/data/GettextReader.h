// GettextReader: a parallel corpus from one gettext domain's translations (GTK's gtk30.mo in
// each locale folder): the English source strings are the pivot.
#pragma once

#include <QString>
#include <QStringList>

#include "data/MoFile.h"
#include "data/ParallelCorpus.h"

namespace twb {

// The item key of a message: "context\x04source" when it has a context, else its source.
QString gettextKey(const MoMessage& message);

// Reads localeFolder/<locale>/LC_MESSAGES/<domain>.mo for every locale. One locale per language
// (pt and pt_BR are both "pt"): the one with the most translated strings, ties going to the
// shorter locale name (the base language). English locales are left out: the source strings
// are the English text. Each left-out or unreadable locale adds a line to notes. Throws
// RunError when no locale has the domain (a changed package).
ParallelCorpus readGettextCorpus(const QString& localeFolder, const QString& domain,
                                 QStringList* notes = nullptr);

}  // namespace twb

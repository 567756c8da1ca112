// RdaReader: reads R's .rda/.RData files (save()'s output) and serialized R streams, without R.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <utility>

#include "langsim/RObject.h"

namespace twb {

using RNamedObjects = QVector<std::pair<QString, RObjectPtr>>;

// Parses one serialized R object in XDR format ("X\n", versions 2 and 3): vectors (logical,
// integer, double, complex, character, raw, list), attributes, pairlists, symbols,
// environments and references. `what` names the source in errors (InputError).
RObjectPtr unserializeR(const QByteArray& stream, const QString& what);

// Parses the bytes of an .rda file: optional gzip/xz compression, an "RDX2"/"RDX3" header,
// then a tagged pairlist whose tags are the saved objects' names. Throws InputError.
RNamedObjects parseRda(const QByteArray& fileBytes, const QString& what);

// Reads and parses an .rda file. Throws InputError naming the path.
RNamedObjects readRdaFile(const QString& path);

}  // namespace twb

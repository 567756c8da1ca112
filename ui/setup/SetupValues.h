// SetupValues: parsing and formatting of the setup form's values (seeds, rates, model sizes).
#pragma once

#include <QList>
#include <QString>

namespace twb {

// "1, 2, 3" (commas and/or spaces) to [1, 2, 3], by the loader's rules: whole numbers from 0,
// none twice, at least one. Throws InputError whose message starts "protocol.seeds:".
QList<int> parseSeeds(const QString& text);
QString formatSeeds(const QList<int>& seeds);  // "1, 2, 3"

// A download size in decimal units, as the Hub gives them: "440 MB", "1.1 GB".
QString formatByteSize(qint64 bytes);
// A parameter count: "110M parameters", "1.2B parameters".
QString formatParameterCount(qint64 parameters);

}  // namespace twb

// SetupValues: parsing and formatting of the setup form's free-text fields (seeds, rates).
#pragma once

#include <QList>
#include <QString>

namespace twb {

// "1, 2, 3" (commas and/or spaces) to [1, 2, 3], by the loader's rules: whole numbers from 0,
// none twice, at least one. Throws InputError whose message starts "protocol.seeds:".
QList<int> parseSeeds(const QString& text);
QString formatSeeds(const QList<int>& seeds);  // "1, 2, 3"

// A number in (0, 1] such as a learning rate ("1e-4", "0.0001"). Throws InputError whose message
// starts with key ("train.lr: ...").
double parseRate(const QString& text, const QString& key);

}  // namespace twb

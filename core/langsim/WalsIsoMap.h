// WalsIsoMap: ISO 639-3 codes for WALS codes, for data (like qlcMatrix's wals.rda) that carry no
// ISO column: a hand-made table for the languages where English names do not match ISO's.
#pragma once

#include <QString>
#include <QVector>
#include <utility>

namespace twb {

// {WALS code, ISO 639-3 code} pairs. A WALS code may serve several ISO codes: a macrolanguage
// and its main individual language ("ams" -> "ara" and "arb"), or the languages WALS merges
// ("scr" Serbian-Croatian -> "hbs", "srp", "hrv", "bos").
const QVector<std::pair<QString, QString>>& walsIsoTable();

}  // namespace twb

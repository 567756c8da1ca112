// LanguageScatterData: what the Δ-vs-distance scatter draws from a language report, shared by
// the window's Gain vs distance view and `twb report --plots`.
#pragma once

#include <QString>
#include <QVector>

#include "experiment/LanguageReport.h"
#include "plots/GainScatter.h"

namespace twb {

// The group's languages with a known distance and measure, each with its Δ interval (none for
// the gap) and whether it is at chance.
QVector<ScatterPoint> languageScatterPoints(const LanguageReport& report, const QString& group,
                                            const QString& measure, const QString& distance);

// "Pearson r = 0.35 [−0.02, 0.66], p = 0.047 (Holm 0.56), n = 32".
QString correlationLabel(const DistanceCorrelation& c);

}  // namespace twb

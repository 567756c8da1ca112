// ReportPlots: PNG scatter plots of Δ (and the gap) against each language distance.
#pragma once

#include <QStringList>

#include "experiment/LanguageReport.h"

namespace twb::cli {

// Writes one PNG per (measure, distance) with points, fit line, r and n into folder; returns
// the paths. Needs a QApplication (offscreen is fine).
QStringList writeReportPlots(const LanguageReport& report, const QString& folder);

}  // namespace twb::cli

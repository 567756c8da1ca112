#include "ReportPlots.h"

#include <QDir>
#include <cmath>

#include "common/InputError.h"
#include "export/PlotExport.h"
#include "plots/GainScatter.h"
#include "plots/LanguageScatterData.h"

namespace twb::cli {

QStringList writeReportPlots(const LanguageReport& report, const QString& folder) {
  if (!QDir().mkpath(folder)) throw RunError("cannot create " + folder.toStdString());
  QStringList written;
  for (const DistanceCorrelation& c : report.correlations) {
    const QVector<ScatterPoint> points =
        languageScatterPoints(report, c.group, c.measure, c.distance);
    GainScatter scatter;
    scatter.setCorrelationLabel(correlationLabel(c));
    scatter.resize(900, 600);
    scatter.setAxisLabels(QStringLiteral("%1 distance from English").arg(c.distance),
                          c.measure == QLatin1String("gap")
                              ? QStringLiteral("transfer gap (English - language)")
                              : QStringLiteral("transfer gain Δ (%1)").arg(c.metric));
    scatter.setPoints(points);
    const QString path =
        QDir(folder).filePath(QStringLiteral("%1-%2-vs-%3.png")
                                  .arg(QString(c.group).replace(QLatin1Char('/'), QLatin1Char('-')),
                                       c.measure, c.distance));
    const QString error = PlotExport::savePng(scatter.plot(), path, 900, 600);
    if (!error.isEmpty()) throw RunError(error.toStdString());
    written << path;
  }
  return written;
}

}  // namespace twb::cli

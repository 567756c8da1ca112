#include "ReportPlots.h"

#include <QDir>
#include <cmath>

#include "common/InputError.h"
#include "export/PlotExport.h"
#include "plots/GainScatter.h"

namespace twb::cli {

QStringList writeReportPlots(const LanguageReport& report, const QString& folder) {
  if (!QDir().mkpath(folder)) throw RunError("cannot create " + folder.toStdString());
  QStringList written;
  for (const DistanceCorrelation& c : report.correlations) {
    QVector<ScatterPoint> points;
    for (const LanguagePoint& p : report.points) {
      if (p.gain.metric != c.metric) continue;
      const double x = p.distance.count(c.distance) ? p.distance.at(c.distance) : NAN;
      const double y = c.measure == QLatin1String("gap") ? p.gap : p.gain.delta.mean;
      if (std::isfinite(x) && std::isfinite(y)) points.push_back({p.language, x, y});
    }
    GainScatter scatter;
    scatter.resize(900, 600);
    scatter.setAxisLabels(QStringLiteral("%1 distance from English").arg(c.distance),
                          c.measure == QLatin1String("gap")
                              ? QStringLiteral("transfer gap (English - language)")
                              : QStringLiteral("transfer gain Δ (%1)").arg(c.metric));
    scatter.setPoints(points);
    const QString path = QDir(folder).filePath(
        QStringLiteral("%1-%2-vs-%3.png").arg(c.metric, c.measure, c.distance));
    const QString error = PlotExport::savePng(scatter.plot(), path, 900, 600);
    if (!error.isEmpty()) throw RunError(error.toStdString());
    written << path;
  }
  return written;
}

}  // namespace twb::cli

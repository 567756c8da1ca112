#include "plots/LanguageScatterData.h"

#include <QCoreApplication>
#include <cmath>

namespace twb {

QVector<ScatterPoint> languageScatterPoints(const LanguageReport& report, const QString& group,
                                            const QString& measure, const QString& distance) {
  QVector<ScatterPoint> points;
  const bool gap = measure == QLatin1String("gap");
  for (const LanguagePoint& p : report.points) {
    if (p.group != group || !p.distance.count(distance)) continue;
    ScatterPoint s{p.language, p.distance.at(distance), gap ? p.gap : p.delta.mean};
    if (!gap && p.delta.ci95.valid()) {
      s.low = p.delta.ci95.low;
      s.high = p.delta.ci95.high;
    }
    s.atChance = p.atChance;
    if (std::isfinite(s.x) && std::isfinite(s.y)) points.push_back(s);
  }
  return points;
}

QString correlationLabel(const DistanceCorrelation& c) {
  auto num = [](double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 2) : QStringLiteral("-");
  };
  auto p = [](double v) {
    if (!std::isfinite(v)) return QStringLiteral("-");
    return v < 0.001 ? QStringLiteral("<0.001") : QString::number(v, 'f', 3);
  };
  QString text =
      QCoreApplication::translate("LanguageScatter", "Pearson r = %1").arg(num(c.pearson.r));
  if (c.pearson.ci95.valid())
    text += QStringLiteral(" [%1, %2]").arg(num(c.pearson.ci95.low), num(c.pearson.ci95.high));
  text += QCoreApplication::translate("LanguageScatter", ", p = %1 (Holm %2), n = %3")
              .arg(p(c.pearson.p), p(c.pearsonHolm))
              .arg(c.pearson.n);
  return text;
}

}  // namespace twb

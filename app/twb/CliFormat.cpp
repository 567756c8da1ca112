#include "CliFormat.h"

#include <QJsonArray>
#include <cmath>

namespace twb::cli {

void printTable(QTextStream& out, const QList<QStringList>& rows, const QString& indent) {
  QList<qsizetype> widths;
  for (const QStringList& row : rows)
    for (qsizetype i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.append(0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (const QStringList& row : rows) {
    QString line = indent;
    for (qsizetype i = 0; i < row.size(); ++i)
      line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
    out << line << '\n';
  }
}

QString fixed(double value, int decimals) {
  return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', decimals);
}

QString signedFixed(double value, int decimals) {
  if (std::isnan(value)) return QStringLiteral("-");
  return (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', decimals);
}

QString pText(double p) {
  if (std::isnan(p)) return QStringLiteral("-");
  return p < 0.001 ? QStringLiteral("<0.001") : QString::number(p, 'f', 3);
}

QString intervalText(const stats::Interval& i, int decimals) {
  if (!i.valid()) return QStringLiteral("-");
  return QStringLiteral("[%1, %2]")
      .arg(signedFixed(i.low, decimals), signedFixed(i.high, decimals));
}

QJsonValue jsonNumber(double value) { return std::isnan(value) ? QJsonValue() : QJsonValue(value); }

QJsonValue jsonInterval(const stats::Interval& i) {
  if (!i.valid()) return QJsonValue();
  return QJsonArray{i.low, i.high};
}

QJsonObject summaryJson(const MeanSd& m) {
  return {{QStringLiteral("mean"), jsonNumber(m.mean)},
          {QStringLiteral("sd"), jsonNumber(m.sd)},
          {QStringLiteral("n"), m.n},
          {QStringLiteral("ci95"), jsonInterval(m.ci95)}};
}

}  // namespace twb::cli

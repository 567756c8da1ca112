#include "GainTable.h"

namespace twb::cli {
namespace {

QString cell(const MeanSd& m) {
  if (m.n == 0) return QStringLiteral("-");
  return QString::number(m.mean, 'f', 3);
}

QString signedCell(double value) {
  return (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 3);
}

}  // namespace

void printGainTable(QTextStream& out, const QString& experiment, const ExperimentOutcome& outcome) {
  int width = 6;
  for (const TargetGain& g : outcome.gains)
    width = std::max(width, static_cast<int>(g.target.size()));
  out << "\n"
      << experiment << " (experiment " << outcome.experimentId << ", " << outcome.status << ", "
      << outcome.device << ")\n";
  out << QStringLiteral("target").leftJustified(width + 2) << QStringLiteral("metric    ")
      << QStringLiteral("baseline  transfer         delta     ± sd  seeds\n");
  for (const TargetGain& g : outcome.gains) {
    out << g.target.leftJustified(width + 2) << g.metric.leftJustified(10)
        << cell(g.baseline).rightJustified(8) << "  " << cell(g.transfer).rightJustified(8) << "  "
        << (g.delta.n ? signedCell(g.delta.mean) : QStringLiteral("-")).rightJustified(12) << "  "
        << QString::number(g.delta.sd, 'f', 3).rightJustified(7) << "  "
        << QString::number(g.delta.n).rightJustified(5)
        << (g.negativeTransfer ? "  negative transfer" : "") << "\n";
  }
  for (const QString& w : outcome.warnings) out << "warning: " << w << "\n";
  out.flush();
}

}  // namespace twb::cli

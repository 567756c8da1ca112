#include "experiment/GainsCsv.h"

#include <QStringList>

#include "store/ResultsCsv.h"

namespace twb {
namespace {

QString number(double value) { return std::isnan(value) ? QString() : csvNumber(value); }

QStringList summary(const MeanSd& m) {
  return {number(m.mean), number(m.sd), QString::number(m.n), number(m.ci95.low),
          number(m.ci95.high)};
}

QStringList summaryHeader(const QString& name) {
  return {name + QStringLiteral("_mean"), name + QStringLiteral("_sd"), name + QStringLiteral("_n"),
          name + QStringLiteral("_ci95_low"), name + QStringLiteral("_ci95_high")};
}

}  // namespace

qint64 writeGainsCsv(const QVector<TargetGain>& gains, const ResolvedSettings& settings,
                     QTextStream& out) {
  writeCsvRow(
      out,
      QStringList{QStringLiteral("target"), QStringLiteral("language"), QStringLiteral("metric"),
                  QStringLiteral("seeds"), QStringLiteral("undefined_seeds")} +
          summaryHeader(QStringLiteral("baseline")) + summaryHeader(QStringLiteral("transfer")) +
          summaryHeader(QStringLiteral("delta")) +
          QStringList{QStringLiteral("p"), QStringLiteral("p_sign_flip"), QStringLiteral("d_z"),
                      QStringLiteral("test_examples"), QStringLiteral("delta_ci95_examples_low"),
                      QStringLiteral("delta_ci95_examples_high"), QStringLiteral("p_examples"),
                      QStringLiteral("verdict_basis"), QStringLiteral("p_holm"),
                      QStringLiteral("verdict"), QStringLiteral("chance"),
                      QStringLiteral("at_chance"), QStringLiteral("detectable_delta")} +
          resolvedSettingsHeader());
  const QStringList settingsCells = resolvedSettingsCells(settings);
  for (const TargetGain& g : gains)
    writeCsvRow(out,
                QStringList{g.target, g.language, g.metric, QString::number(g.seeds),
                            QString::number(g.undefinedSeeds)} +
                    summary(g.baseline) + summary(g.transfer) + summary(g.delta) +
                    QStringList{number(g.p), number(g.signFlipP), number(g.dz),
                                QString::number(g.testExamples), number(g.ci95Examples.low),
                                number(g.ci95Examples.high), number(g.pExamples), g.basis,
                                number(g.pAdjusted), verdictName(g.verdict), number(g.chance),
                                g.atChance() ? QStringLiteral("true") : QStringLiteral("false"),
                                number(g.detectableDelta)} +
                    settingsCells);
  return gains.size();
}

}  // namespace twb

#include "GainTable.h"

#include <QJsonObject>
#include <cmath>

namespace twb::cli {
namespace {

QJsonValue number(double value) { return std::isnan(value) ? QJsonValue() : QJsonValue(value); }

QJsonValue interval(const stats::Interval& i) {
  if (!i.valid()) return QJsonValue();
  return QJsonArray{i.low, i.high};
}

QJsonObject summaryJson(const MeanSd& m) {
  return {{QStringLiteral("mean"), number(m.mean)},
          {QStringLiteral("sd"), number(m.sd)},
          {QStringLiteral("n"), m.n},
          {QStringLiteral("ci95"), interval(m.ci95)}};
}

QString fixed(double value, int decimals = 3) {
  return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', decimals);
}

QString signedFixed(double value) {
  if (std::isnan(value)) return QStringLiteral("-");
  return (value >= 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 3);
}

QString pValue(double p) {
  if (std::isnan(p)) return QStringLiteral("-");
  return p < 0.001 ? QStringLiteral("<0.001") : QString::number(p, 'f', 3);
}

QString span(const stats::Interval& i) {
  if (!i.valid()) return QStringLiteral("-");
  return QStringLiteral("[%1, %2]").arg(signedFixed(i.low), signedFixed(i.high));
}

// "0.712 ±0.021": the mean and the half-width of its 95% interval over seeds.
QString armCell(const MeanSd& m) {
  if (m.n == 0) return QStringLiteral("-");
  if (!m.ci95.valid()) return fixed(m.mean);
  return fixed(m.mean) + QStringLiteral(" ±") + fixed((m.ci95.high - m.ci95.low) / 2);
}

QString verdictCell(const TargetGain& g) {
  QString v = verdictName(g.verdict);
  if (g.atChance()) v += QStringLiteral(", at chance");
  return v;
}

void printAligned(QTextStream& out, const QList<QStringList>& rows) {
  QList<qsizetype> widths;
  for (const QStringList& row : rows)
    for (qsizetype i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.append(0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (const QStringList& row : rows) {
    QString line;
    for (qsizetype i = 0; i < row.size(); ++i)
      line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
    out << line << '\n';
  }
}

QString seedsCell(const TargetGain& g) {
  QString s = QString::number(g.delta.n);
  if (g.undefinedSeeds > 0) s += QStringLiteral(" (%1 undef.)").arg(g.undefinedSeeds);
  return s;
}

}  // namespace

QCommandLineOption effectOption() {
  return {QStringLiteral("effect"),
          QStringLiteral("the |delta| the power hint asks about (default %1)").arg(kDefaultEffect),
          QStringLiteral("delta"), QString::number(kDefaultEffect)};
}

double effectOf(const QCommandLineParser& parser, QTextStream& err) {
  bool ok = false;
  const double effect = parser.value(QStringLiteral("effect")).toDouble(&ok);
  if (ok && effect > 0 && effect <= 1) return effect;
  err << "twb: --effect wants a number in (0, 1], e.g. 0.02, not '"
      << parser.value(QStringLiteral("effect")) << "'\n";
  return std::nan("");
}

void printGainTable(QTextStream& out, const QVector<TargetGain>& gains, double effect) {
  QList<QStringList> rows{
      {QStringLiteral("target"), QStringLiteral("metric"), QStringLiteral("seeds"),
       QStringLiteral("baseline"), QStringLiteral("transfer"), QStringLiteral("delta"),
       QStringLiteral("95% CI seeds"), QStringLiteral("p"), QStringLiteral("95% CI examples"),
       QStringLiteral("p Holm"), QStringLiteral("verdict")}};
  for (const TargetGain& g : gains) {
    QString examples = span(g.ci95Examples);
    if (g.testExamples > 0) examples += QStringLiteral(" n=%1").arg(g.testExamples);
    rows.append({g.target, g.metric, seedsCell(g), armCell(g.baseline), armCell(g.transfer),
                 g.delta.n ? signedFixed(g.delta.mean) : QStringLiteral("-"), span(g.delta.ci95),
                 pValue(g.p), examples, pValue(g.pAdjusted), verdictCell(g)});
  }
  printAligned(out, rows);
  out << "\nbaseline, transfer: mean ±95% CI half-width over the paired seeds; delta = transfer "
         "- baseline;\np: paired t-test over seeds; examples: paired bootstrap over test "
         "examples (seeds pooled);\nverdict: Holm-adjusted p < 0.05 across the "
      << gains.size() << " target(s), over seeds with >= 3 seeds, else over examples.\n";
  bool header = false;
  for (const TargetGain& g : gains) {
    QStringList notes;
    if (!g.reason.isEmpty() && g.verdict == Verdict::Inconclusive) notes << g.reason;
    if (!std::isnan(g.chance))
      notes << QStringLiteral("chance %1 over %2; beats chance: baseline p %3, transfer p %4%5")
                   .arg(fixed(g.chance))
                   .arg(g.chanceTrials)
                   .arg(pValue(g.baselineChanceP), pValue(g.transferChanceP),
                        g.atChance() ? QStringLiteral(" (at chance: Δ compares two guesses)")
                                     : QString());
    if (!std::isnan(g.detectableDelta)) {
      const int needed = seedsFor(g, effect);
      notes << QStringLiteral("power: %1 seeds detect |Δ| >= %2 (80%); |Δ| = %3 needs %4")
                   .arg(g.delta.n)
                   .arg(fixed(g.detectableDelta))
                   .arg(effect)
                   .arg(needed > 0 ? QStringLiteral("%1 seeds").arg(needed)
                                   : QStringLiteral("over 1000 seeds"));
    }
    if (notes.isEmpty()) continue;
    if (!header) out << '\n';
    header = true;
    out << g.target << ": " << notes.join(QStringLiteral("; ")) << '\n';
  }
  out.flush();
}

QJsonArray gainsJson(const QVector<TargetGain>& gains, double effect) {
  QJsonArray list;
  for (const TargetGain& g : gains) {
    QJsonObject delta = summaryJson(g.delta);
    delta[QStringLiteral("p")] = number(g.p);
    delta[QStringLiteral("p_sign_flip")] = number(g.signFlipP);
    delta[QStringLiteral("ci95_examples")] = interval(g.ci95Examples);
    delta[QStringLiteral("p_examples")] = number(g.pExamples);
    delta[QStringLiteral("test_examples")] = g.testExamples;
    delta[QStringLiteral("d_z")] = number(g.dz);
    delta[QStringLiteral("relative")] = number(g.relativeDelta);
    const int needed = seedsFor(g, effect);
    list.append(
        QJsonObject{{QStringLiteral("target"), g.target},
                    {QStringLiteral("language"), g.language},
                    {QStringLiteral("metric"), g.metric},
                    {QStringLiteral("seeds"), g.seeds},
                    {QStringLiteral("undefined_seeds"), g.undefinedSeeds},
                    {QStringLiteral("baseline"), summaryJson(g.baseline)},
                    {QStringLiteral("transfer"), summaryJson(g.transfer)},
                    {QStringLiteral("delta"), delta},
                    {QStringLiteral("verdict"), verdictName(g.verdict)},
                    {QStringLiteral("verdict_basis"), g.basis.isEmpty() ? QJsonValue() : g.basis},
                    {QStringLiteral("p_holm"), number(g.pAdjusted)},
                    {QStringLiteral("verdict_reason"), g.reason},
                    {QStringLiteral("chance"),
                     QJsonObject{{QStringLiteral("level"), number(g.chance)},
                                 {QStringLiteral("trials"), g.chanceTrials},
                                 {QStringLiteral("baseline_p"), number(g.baselineChanceP)},
                                 {QStringLiteral("transfer_p"), number(g.transferChanceP)},
                                 {QStringLiteral("at_chance"), g.atChance()}}},
                    {QStringLiteral("power"),
                     QJsonObject{{QStringLiteral("detectable_delta"), number(g.detectableDelta)},
                                 {QStringLiteral("effect"), effect},
                                 {QStringLiteral("seeds_for_effect"),
                                  needed > 0 ? QJsonValue(needed) : QJsonValue()}}}});
  }
  return list;
}

}  // namespace twb::cli

#include "GainTable.h"

#include <QJsonObject>
#include <cmath>

#include "CliFormat.h"

namespace twb::cli {
namespace {

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

QString seedsCell(const TargetGain& g) {
  QString s = QString::number(g.delta.n);
  QStringList left;
  if (g.missingSeeds > 0) left << QStringLiteral("%1 missing").arg(g.missingSeeds);
  if (g.undefinedSeeds > 0) left << QStringLiteral("%1 undef.").arg(g.undefinedSeeds);
  if (!left.isEmpty()) s += QStringLiteral(" (%1)").arg(left.join(QStringLiteral(", ")));
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
       QStringLiteral("95% CI seeds"), QStringLiteral("p seeds"), QStringLiteral("95% CI examples"),
       QStringLiteral("p ex."), QStringLiteral("p Holm"), QStringLiteral("verdict")}};
  for (const TargetGain& g : gains) {
    QString examples = intervalText(g.ci95Examples);
    if (g.testExamples > 0) examples += QStringLiteral(" n=%1").arg(g.testExamples);
    rows.append({g.target, g.metric, seedsCell(g), armCell(g.baseline), armCell(g.transfer),
                 g.delta.n ? signedFixed(g.delta.mean) : QStringLiteral("-"),
                 intervalText(g.delta.ci95), pText(g.p), examples, pText(g.pExamples),
                 pText(g.pAdjusted), verdictCell(g)});
  }
  printTable(out, rows);
  out << "\nbaseline, transfer: mean ±95% CI half-width over the paired seeds; delta = transfer "
         "- baseline;\np seeds: paired t-test over seeds; 95% CI examples: paired bootstrap over "
         "the test examples\n(seeds pooled; n per seed); p ex.: paired permutation test over "
         "them;\nverdict: Holm-adjusted p < 0.05 across the "
      << std::count_if(gains.begin(), gains.end(),
                       [](const TargetGain& g) { return !std::isnan(g.pAdjusted); })
      << " tested target(s), over seeds with >= 3 seeds, else over examples.\n";
  bool header = false;
  for (const TargetGain& g : gains) {
    QStringList notes;
    if (!g.reason.isEmpty() && g.verdict == Verdict::Inconclusive) notes << g.reason;
    if (!std::isnan(g.chance))
      notes << QStringLiteral("chance %1 over %2; beats chance: baseline p %3, transfer p %4%5")
                   .arg(fixed(g.chance))
                   .arg(g.chanceTrials)
                   .arg(pText(g.baselineChanceP), pText(g.transferChanceP),
                        g.atChance() ? QStringLiteral(" (at chance: Δ compares two guesses)")
                                     : QString());
    if (!std::isnan(g.detectableDelta)) {
      const int needed = seedsFor(g, effect);
      notes << QStringLiteral("power: %1 seeds detect |Δ| >= %2 (80%); |Δ| = %3 needs %4")
                   .arg(g.delta.n)
                   .arg(g.detectableDelta > 1 ? QStringLiteral("1 (none: the whole scale)")
                                              : fixed(g.detectableDelta))
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
    delta[QStringLiteral("p")] = jsonNumber(g.p);
    delta[QStringLiteral("p_sign_flip")] = jsonNumber(g.signFlipP);
    delta[QStringLiteral("ci95_examples")] = jsonInterval(g.ci95Examples);
    delta[QStringLiteral("p_examples")] = jsonNumber(g.pExamples);
    delta[QStringLiteral("test_examples")] = g.testExamples;
    delta[QStringLiteral("d_z")] = jsonNumber(g.dz);
    delta[QStringLiteral("relative")] = jsonNumber(g.relativeDelta);
    const int needed = seedsFor(g, effect);
    list.append(QJsonObject{
        {QStringLiteral("target"), g.target},
        {QStringLiteral("language"), g.language},
        {QStringLiteral("metric"), g.metric},
        {QStringLiteral("seeds"), g.seeds},
        {QStringLiteral("missing_seeds"), g.missingSeeds},
        {QStringLiteral("undefined_seeds"), g.undefinedSeeds},
        {QStringLiteral("baseline"), summaryJson(g.baseline)},
        {QStringLiteral("transfer"), summaryJson(g.transfer)},
        {QStringLiteral("delta"), delta},
        {QStringLiteral("verdict"), verdictName(g.verdict)},
        {QStringLiteral("verdict_basis"), g.basis.isEmpty() ? QJsonValue() : g.basis},
        {QStringLiteral("p_holm"), jsonNumber(g.pAdjusted)},
        {QStringLiteral("verdict_reason"), g.reason},
        {QStringLiteral("chance"),
         QJsonObject{{QStringLiteral("level"), jsonNumber(g.chance)},
                     {QStringLiteral("trials"), g.chanceTrials},
                     {QStringLiteral("baseline_p"), jsonNumber(g.baselineChanceP)},
                     {QStringLiteral("transfer_p"), jsonNumber(g.transferChanceP)},
                     {QStringLiteral("at_chance"), g.atChance()}}},
        {QStringLiteral("power"),
         QJsonObject{{QStringLiteral("detectable_delta"), jsonNumber(g.detectableDelta)},
                     {QStringLiteral("effect"), effect},
                     {QStringLiteral("seeds_for_effect"),
                      needed > 0 ? QJsonValue(needed) : QJsonValue()}}}});
  }
  return list;
}

}  // namespace twb::cli

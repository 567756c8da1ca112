#include "export/ResultsExport.h"

#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QStringList>
#include <QTextStream>
#include <cmath>
#include <map>

#include "experiment/GainsCsv.h"
#include "experiment/StoredGains.h"
#include "store/ResultsCsv.h"
#include "store/RunStore.h"

namespace twb {
namespace {

QString fixed(double value, int decimals) {
  if (std::isnan(value)) return QStringLiteral("--");
  const QString text = QString::number(std::fabs(value), 'f', decimals);
  return value < 0 ? QStringLiteral("$-$") + text : text;
}

// "0.712 [0.690, 0.734]": the mean and its 95% interval over seeds (the mean alone with one).
QString meanCi(const MeanSd& s, int decimals, bool sign = false) {
  if (s.n == 0) return QStringLiteral("--");
  QString text = fixed(s.mean, decimals);
  if (sign && s.mean >= 0) text = QLatin1Char('+') + text;
  if (s.ci95.valid())
    text +=
        QStringLiteral(" [%1, %2]").arg(fixed(s.ci95.low, decimals), fixed(s.ci95.high, decimals));
  return text;
}

QString pCell(double p) {
  if (std::isnan(p)) return QStringLiteral("--");
  return p < 0.001 ? QStringLiteral("$<$0.001") : QString::number(p, 'f', 3);
}

bool writeAtomically(const QString& path, const QString& text, QString* error) {
  QSaveFile file(path);
  if (file.open(QIODevice::WriteOnly)) {
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) == bytes.size() && file.commit()) return true;
  }
  if (error) *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
  return false;
}

}  // namespace

qint64 exportResultsCsv(const RunStore& store, const QString& path, qint64 experimentId,
                        QString* error) {
  QString text;
  qint64 rows = 0;
  try {
    QTextStream out(&text);
    rows = writeResultsCsv(store, experimentId, out);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return -1;
  }
  return writeAtomically(path, text, error) ? rows : -1;
}

QString latexEscape(const QString& text) {
  QString out;
  out.reserve(text.size() + 8);
  for (const QChar c : text) {
    switch (c.unicode()) {
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out += QLatin1Char('\\');
        out += c;
        break;
      case '~':
        out += QStringLiteral("\\textasciitilde{}");
        break;
      case '^':
        out += QStringLiteral("\\textasciicircum{}");
        break;
      case '\\':
        out += QStringLiteral("\\textbackslash{}");
        break;
      default:
        out += c;
    }
  }
  return out;
}

QString gainsLatexTable(const QVector<TargetGain>& gains, const LatexTableOptions& options) {
  QSet<QString> metrics;
  for (const TargetGain& g : gains) metrics.insert(g.metric);
  const bool oneMetric = metrics.size() == 1 && !metrics.begin()->isEmpty();

  QString caption =
      options.caption.isEmpty()
          ? QStringLiteral(
                "Transfer gains per target: means over the $n$ paired seeds with 95\\% "
                "confidence intervals (t); $\\Delta$ = transfer $-$ baseline, paired by seed. "
                "$p_{\\mathrm{Holm}}$: paired t-test over seeds ($n \\geq 3$) or paired "
                "bootstrap over test examples, Holm-adjusted across the %1 targets; the verdict "
                "is positive or negative when it is below 0.05, else inconclusive.")
                .arg(gains.size())
          : latexEscape(options.caption);
  if (oneMetric) caption += QStringLiteral(" Scores: test %1.").arg(latexEscape(*metrics.begin()));

  QString out;
  QTextStream s(&out);
  s << "% Requires \\usepackage{booktabs}.\n"
    << "\\begin{table}[t]\n"
    << "\\centering\n"
    << "\\begin{tabular}{lrrrrrl}\n"
    << "\\toprule\n"
    << "Target & $n$ & Baseline & Transfer & $\\Delta$ [95\\% CI] & $p_{\\mathrm{Holm}}$ & "
       "Verdict \\\\\n"
    << "\\midrule\n";
  for (const TargetGain& g : gains) {
    QString target = latexEscape(g.target);
    if (!oneMetric && !g.metric.isEmpty())
      target += QStringLiteral(" (%1)").arg(latexEscape(g.metric));
    QString n = QString::number(g.delta.n);
    if (g.undefinedSeeds > 0) n += QStringLiteral("/%1").arg(g.seeds);
    QString verdict = verdictName(g.verdict);
    if (g.atChance()) verdict += QStringLiteral(" (at chance)");
    s << target << " & " << n << " & " << meanCi(g.baseline, options.decimals) << " & "
      << meanCi(g.transfer, options.decimals) << " & "
      << meanCi(g.delta, options.decimals, /*sign=*/true) << " & " << pCell(g.pAdjusted) << " & "
      << verdict << " \\\\\n";
  }
  s << "\\bottomrule\n"
    << "\\end{tabular}\n"
    << "\\caption{" << caption << "}\n";
  if (!options.label.isEmpty()) s << "\\label{" << options.label << "}\n";
  s << "\\end{table}\n";
  s.flush();
  return out;
}

bool exportGainsCsv(const QVector<TargetGain>& gains, const ResolvedSettings& settings,
                    const QString& path, QString* error) {
  QString text;
  QTextStream out(&text);
  writeGainsCsv(gains, settings, out);
  out.flush();
  return writeAtomically(path, text, error);
}

bool exportGainsLatex(const QVector<TargetGain>& gains, const QString& path,
                      const LatexTableOptions& options, QString* error) {
  return writeAtomically(path, gainsLatexTable(gains, options), error);
}

QVector<TargetGain> gainsOfExperiment(const RunStore& store, qint64 experimentId) {
  return gainsFromStore(store, experimentId);
}

}  // namespace twb

#include "export/ResultsExport.h"

#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QStringList>
#include <QTextStream>
#include <cmath>
#include <map>

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

QString meanSd(const MeanSd& s, int decimals) {
  if (s.n == 0) return QStringLiteral("--");
  if (s.n == 1) return fixed(s.mean, decimals);
  return fixed(s.mean, decimals) + QStringLiteral(" $\\pm$ ") + fixed(s.sd, decimals);
}

QString signedMeanSd(const MeanSd& s, int decimals) {
  const QString text = meanSd(s, decimals);
  return s.n > 0 && s.mean >= 0 ? QLatin1Char('+') + text : text;
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
  bool anyNegative = false;
  for (const TargetGain& g : gains) {
    metrics.insert(g.metric);
    anyNegative = anyNegative || g.negativeTransfer;
  }
  const bool oneMetric = metrics.size() == 1 && !metrics.begin()->isEmpty();

  QString caption = options.caption.isEmpty()
                        ? QStringLiteral(
                              "Transfer gains per target: mean $\\pm$ sd over seeds; "
                              "$\\Delta$ = transfer $-$ baseline, paired by seed.")
                        : latexEscape(options.caption);
  if (oneMetric) caption += QStringLiteral(" Scores: test %1.").arg(latexEscape(*metrics.begin()));
  if (anyNegative)
    caption +=
        QStringLiteral(" $^\\dagger$ negative transfer (worse by more than the seed spread).");

  QString out;
  QTextStream s(&out);
  s << "% Requires \\usepackage{booktabs}.\n"
    << "\\begin{table}[t]\n"
    << "\\centering\n"
    << "\\begin{tabular}{lrrr}\n"
    << "\\toprule\n"
    << "Target & Baseline & Transfer & $\\Delta$ \\\\\n"
    << "\\midrule\n";
  for (const TargetGain& g : gains) {
    QString target = latexEscape(g.target);
    if (!oneMetric && !g.metric.isEmpty())
      target += QStringLiteral(" (%1)").arg(latexEscape(g.metric));
    QString delta = signedMeanSd(g.delta, options.decimals);
    if (g.negativeTransfer) delta += QStringLiteral("$^\\dagger$");
    s << target << " & " << meanSd(g.baseline, options.decimals) << " & "
      << meanSd(g.transfer, options.decimals) << " & " << delta << " \\\\\n";
  }
  s << "\\bottomrule\n"
    << "\\end{tabular}\n"
    << "\\caption{" << caption << "}\n";
  if (!options.label.isEmpty()) s << "\\label{" << options.label << "}\n";
  s << "\\end{table}\n";
  s.flush();
  return out;
}

bool exportGainsLatex(const QVector<TargetGain>& gains, const QString& path,
                      const LatexTableOptions& options, QString* error) {
  return writeAtomically(path, gainsLatexTable(gains, options), error);
}

QVector<TargetGain> gainsOfExperiment(const RunStore& store, qint64 experimentId) {
  return gainsFromStore(store, experimentId);
}

}  // namespace twb

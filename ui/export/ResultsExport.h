// ResultsExport: runs' results as CSV, and transfer gains per target as a LaTeX booktabs table.
#pragma once

#include <QString>
#include <QVector>

#include "experiment/Gains.h"
#include "store/ResolvedSettings.h"

namespace twb {

class RunStore;

// Writes the store's results through writeResultsCsv (header experiment, run, arm, target,
// seed, split, metric, value, precision, bucketing; RFC 4180 quoting) for one experiment, or
// every one with 0.
// The file is replaced atomically. Returns the number of rows, or -1 with *error set.
qint64 exportResultsCsv(const RunStore& store, const QString& path, qint64 experimentId = 0,
                        QString* error = nullptr);

// Escapes LaTeX's special characters & % $ # _ { } ~ ^ and \ for text mode.
QString latexEscape(const QString& text);

struct LatexTableOptions {
  int decimals = 3;
  QString caption;  // plain text (escaped); a default describing the table when empty
  QString label;    // \label{...} when not empty, written as given
};

// A table environment with a booktabs tabular: Target & Baseline & Transfer & Delta, values
// "mean \pm sd" over seeds (sd left out with one seed), Delta signed. A target with negative
// transfer gets a dagger on its Delta, explained in the caption. Needs \usepackage{booktabs}.
QString gainsLatexTable(const QVector<TargetGain>& gains, const LatexTableOptions& options = {});
// The gains per target as CSV (experiment/GainsCsv), with the settings their experiment
// resolved (store/ResolvedSettings) on every row, written to path atomically.
bool exportGainsCsv(const QVector<TargetGain>& gains, const ResolvedSettings& settings,
                    const QString& path, QString* error);
// gainsLatexTable written to path (atomically). False with *error set when it cannot.
bool exportGainsLatex(const QVector<TargetGain>& gains, const QString& path,
                      const LatexTableOptions& options = {}, QString* error = nullptr);

// The gains of one experiment from its stored test results, as the engine computes them at
// the end of a run: the primary metric is pearson for a target whose runs report it
// (similarity), accuracy otherwise; targets in the order their first run was added.
QVector<TargetGain> gainsOfExperiment(const RunStore& store, qint64 experimentId);

}  // namespace twb

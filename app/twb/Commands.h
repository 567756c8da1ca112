// Commands: the `twb` subcommands; each takes its own arguments (after the subcommand name)
// and returns the exit status: 0 success, 1 a run failed, 2 bad input.
#pragma once

#include <QStringList>

namespace twb::cli {

int runExperiment(
    const QStringList& args);           // twb run EXP.yaml [--db] [--device] [--threads] [--json]
int datasets(const QStringList& args);  // twb datasets list | fetch ID | show ID
int listRuns(const QStringList& args);  // twb runs [--db PATH] [--json]
int showRun(const QStringList& args);   // twb show RUN [--db PATH] [--json]
int exportResults(const QStringList& args);  // twb export --csv FILE [--db PATH] [--experiment ID]
int langs(const QStringList& args);          // twb langs fetch | show LANG | distance LANG1 LANG2
int report(const QStringList& args);         // twb report EXPERIMENT [--json] [--plots DIR]
int models(const QStringList& args);         // twb models run FOLDER --input FILE | fetch | list
int tokenize(const QStringList& args);  // twb tokenize FOLDER --text T [--pair P] [--max-len N]
int plugins(const QStringList& args);   // twb plugins [--json]
int schema(const QStringList& args);    // twb schema [--markdown]

// Exit statuses.
constexpr int kOk = 0;
constexpr int kRunFailed = 1;
constexpr int kBadInput = 2;
constexpr int kInterrupted = 130;  // Ctrl-C or SIGTERM, as shells report a SIGINT death

}  // namespace twb::cli

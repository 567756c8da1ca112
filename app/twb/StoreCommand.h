// StoreCommand: what the `twb` commands that read a run store share: --db and --help, opening
// the store, ids and names of experiments, and the messages for what goes wrong.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>
#include <QVector>
#include <memory>

#include "Commands.h"
#include "ExperimentLookup.h"
#include "common/InputError.h"
#include "store/RunStore.h"

namespace twb::cli {

// The parsing and store opening the store commands share.
class Command {
 public:
  explicit Command(const QString& name) : name_(name), err_(stderr) {
    parser_.addOption({QStringLiteral("db"),
                       QStringLiteral("the SQLite run store (default: $TWB_DB, else runs.sqlite "
                                      "in the user's data folder)"),
                       QStringLiteral("path")});
    parser_.addHelpOption();
  }

  const QString& name() const { return name_; }
  QCommandLineParser& parser() { return parser_; }
  QTextStream& err() { return err_; }

  // Parses args; returns an exit status when the command is already done (--help, bad
  // arguments) and -1 when it should go on. positionals < 0: any number (the caller checks).
  int parse(const QStringList& args, int positionals) {
    if (!parser_.parse(QStringList{QStringLiteral("twb ") + name_} + args)) {
      err_ << "twb " << name_ << ": " << parser_.errorText() << '\n';
      return kBadInput;
    }
    if (parser_.isSet(QStringLiteral("help"))) {
      QTextStream(stdout) << parser_.helpText();
      return kOk;
    }
    if (positionals >= 0 && parser_.positionalArguments().size() != positionals) {
      err_ << "twb " << name_ << ": unexpected arguments; see twb " << name_ << " --help\n";
      return kBadInput;
    }
    return -1;
  }

  // Opens the store of --db (which must exist) or the default one; throws RunError.
  std::unique_ptr<RunStore> open() {
    const QString db = parser_.value(QStringLiteral("db"));
    // Reading commands never create a store: a missing or empty file is no store.
    if (!db.isEmpty() && (!QFileInfo::exists(db) || QFileInfo(db).size() == 0)) return nullptr;
    return std::make_unique<RunStore>(db.isEmpty() ? RunStore::defaultPath() : db);
  }

  int noDatabase() {
    err_ << "twb " << name_ << ": no run store at " << parser_.value(QStringLiteral("db")) << '\n';
    return kBadInput;
  }

  // Reads a positive id from text; prints what is wrong and returns 0 otherwise.
  qint64 id(const QString& text, const char* what) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (ok && value > 0) return value;
    err_ << "twb " << name_ << ": " << what << " must be a positive number, not '" << text
         << "' (see twb runs)\n";
    return 0;
  }

  // A store that is not ours, or newer than this program, is bad input; anything else failed.
  int failed(const std::exception& error) {
    err_ << "twb " << name_ << ": " << error.what() << '\n';
    return dynamic_cast<const InputError*>(&error) ? kBadInput : kRunFailed;
  }

 private:
  QString name_;
  QCommandLineParser parser_;
  QTextStream err_;
};

inline QCommandLineOption experimentOption() {
  return {QStringLiteral("experiment"), QStringLiteral("only this experiment"),
          QStringLiteral("id")};
}

// The experiments chosen by --experiment (all without it); false when the id is bad.
// The experiments chosen by --experiment (id or name; all without it); false, with the reason
// printed, when there is no such experiment.
inline bool chooseExperiments(Command& command, const RunStore& store,
                              QVector<ExperimentRecord>* chosen) {
  const QString text = command.parser().value(QStringLiteral("experiment"));
  if (text.isEmpty()) {
    *chosen = store.experiments();
    return true;
  }
  // An id or a name, as everywhere else.
  try {
    *chosen = {*store.experiment(resolveExperiment(store, text))};
  } catch (const InputError& error) {
    command.err() << "twb " << command.name() << ": " << error.what() << '\n';
    return false;
  }
  return true;
}

}  // namespace twb::cli

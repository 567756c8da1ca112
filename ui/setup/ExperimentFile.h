// ExperimentFile: opening and saving experiment YAML files for the GUI, and the recent-files list.
#pragma once

#include <QSettings>
#include <QStringList>
#include <memory>
#include <optional>

#include "common/InputError.h"
#include "config/ExperimentSpec.h"

namespace twb {

// What opening a file gave: the spec, or the reason it was rejected (file, line, column).
struct OpenedExperiment {
  std::optional<ExperimentSpec> spec;
  std::optional<InputError> error;
  bool ok() const { return spec.has_value(); }
};

// Reads and validates path (loadExperiment); never throws an InputError.
OpenedExperiment openExperimentFile(const QString& path);
// "file:line:column: message" (what is known of it), for a dialog or a status line.
QString describeInputError(const InputError& error);

// Writes spec as YAML to path through QSaveFile (dataset paths relative to path's folder), after
// checking that the text reads back: a file that is written opens again. On failure nothing is
// written, false is returned and *error (if given) says why.
bool saveExperimentFile(const ExperimentSpec& spec, const QString& path, QString* error = nullptr);

// The recently opened or saved experiments, in QSettings under "recentFiles": most recent first,
// at most kMax, each once, files that no longer exist left out.
class RecentFiles {
 public:
  static constexpr int kMax = 8;

  // settings: where the list lives; nullptr: a default QSettings.
  explicit RecentFiles(QSettings* settings = nullptr);
  ~RecentFiles();

  QStringList files() const;
  void add(const QString& path);  // moves it to the front
  void remove(const QString& path);
  void clear();

 private:
  void write(const QStringList& files);

  std::unique_ptr<QSettings> owned_;
  QSettings* settings_;
};

}  // namespace twb

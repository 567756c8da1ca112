// DataCommandOptions: the options `twb datasets` and `twb langs` share (--data-dir, --help).
#pragma once

#include <QString>
#include <QStringList>

namespace twb::cli {

struct DataCommandOptions {
  QString dataDir;
  QStringList positional;
  bool json = false;
  bool help = false;
};

// Reads --data-dir DIR (or --data-dir=DIR), --help / -h and, when acceptJson, --json; the rest
// are positional. Returns an error message, or an empty string.
QString parseDataCommand(const QStringList& args, DataCommandOptions& options, bool acceptJson);

}  // namespace twb::cli

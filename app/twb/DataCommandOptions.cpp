#include "DataCommandOptions.h"

namespace twb::cli {

QString parseDataCommand(const QStringList& args, DataCommandOptions& options, bool acceptJson) {
  for (qsizetype i = 0; i < args.size(); ++i) {
    const QString& arg = args[i];
    if (arg == QLatin1String("--data-dir")) {
      if (i + 1 >= args.size()) return QStringLiteral("--data-dir needs a folder");
      options.dataDir = args[++i];
    } else if (arg.startsWith(QLatin1String("--data-dir="))) {
      options.dataDir = arg.mid(11);
    } else if (acceptJson && arg == QLatin1String("--json")) {
      options.json = true;
    } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
      options.help = true;
    } else if (arg.startsWith(QLatin1Char('-'))) {
      return QStringLiteral("unknown option %1").arg(arg);
    } else {
      options.positional << arg;
    }
  }
  return QString();
}

}  // namespace twb::cli

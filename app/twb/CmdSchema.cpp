// twb schema: the experiment file's keys as JSON Schema, or as the README's Markdown tables.
#include <QJsonDocument>
#include <QTextStream>

#include "Commands.h"
#include "config/SchemaDocs.h"

namespace twb::cli {

int schema(const QStringList& args) {
  QTextStream out(stdout);
  if (args.isEmpty()) {
    out << QJsonDocument(experimentJsonSchema()).toJson(QJsonDocument::Indented);
    return kOk;
  }
  if (args == QStringList{QStringLiteral("--markdown")}) {
    out << experimentKeyReference();
    return kOk;
  }
  QTextStream(stderr) << "usage: twb schema [--markdown]\n"
                         "  prints the experiment file's JSON Schema (save it as\n"
                         "  experiment.schema.json and start a YAML file with\n"
                         "  # yaml-language-server: $schema=experiment.schema.json),\n"
                         "  or with --markdown the key reference of the README\n";
  return kBadInput;
}

}  // namespace twb::cli

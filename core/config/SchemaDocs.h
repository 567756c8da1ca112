// SchemaDocs: the experiment schema as JSON Schema (for editors) and as the README's key table.
#pragma once

#include <QJsonObject>
#include <QString>

namespace twb {

// A JSON Schema (draft 07) of the experiment file. Editors validate and complete a YAML file that
// starts with `# yaml-language-server: $schema=experiment.schema.json`.
QJsonObject experimentJsonSchema();

// The Markdown reference of every key, one table per section: the README's "Experiment file keys".
QString experimentKeyReference();

}  // namespace twb

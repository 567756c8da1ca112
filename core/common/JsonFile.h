// JsonFile: the top-level object of a JSON file, with errors naming the file, line and column.
#pragma once

#include <QJsonObject>
#include <QString>

namespace twb {

// Throws InputError naming the file (and the line and column of a syntax error) when it is
// missing, unreadable, not a regular file, over kJsonFileCap, not JSON or not an object.
QJsonObject readJsonObjectFile(const QString& path);

}  // namespace twb

// ExperimentSchema: every key of the experiment file, defined once (core/config/SchemaFields.cpp).
// The loader, its messages, the writer, the config diff, the window's forms and `twb schema` all
// read it; to add a key, add it there and use it.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "config/SchemaKey.h"

namespace twb {

// Every key in file order; sections (Map keys) come before their own keys.
const QList<SchemaKey>& experimentSchema();
// The key at path ("train.lr", "targets[].task", "dataset.text"). A path outside the schema is a
// programming error: it throws std::logic_error.
const SchemaKey& schemaKey(const QString& path);
// The names of a section's keys, in file order: "train" gives lr, batch_size, ...
QStringList sectionKeyNames(const QString& section);

}  // namespace twb

// StoreFile: decides, without writing a byte, whether a path may hold (or become) a run store.
#pragma once

#include <QString>

namespace twb {

// The SQLite application_id every run store carries ("TWB1"), so a file is known as ours.
constexpr qint32 kStoreApplicationId = 0x54574231;

enum class StoreFileKind {
  New,     // nothing there yet, or an empty file: this program creates the store
  Ours,    // a run store (application_id set)
  Legacy,  // a run store from before application_id: it is marked when opened
};

// Inspects path by reading the SQLite header (and, for a file without an application_id, its
// table names through an immutable read-only connection that creates no file). Throws
// InputError naming the path, and changes nothing, when the path is not a regular file, not a
// SQLite database, or another program's database. ":memory:" is New.
StoreFileKind inspectStoreFile(const QString& path);

}  // namespace twb

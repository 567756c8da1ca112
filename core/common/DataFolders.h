// DataFolders: the one place that decides where the window and twb keep their data.
#pragma once

#include <QString>
#include <QStringList>

namespace twb {

// $XDG_DATA_HOME/transfer-workbench (~/.local/share/transfer-workbench), created, whatever
// application or organisation name the program set. On first use, what an older window left in
// .../transfer-workbench/transfer-workbench is merged in here; what is already here is kept, and
// what could not be merged (a second run store) goes to from-older-window/ beside it.
QString appDataFolder();
// $TWB_DATA_DIR when set, else appDataFolder()/datasets: the dataset and language caches.
QString datasetsFolder();
// $TWB_DB when set, else appDataFolder()/runs.sqlite: the default run store.
QString defaultStorePath();

// What appDataFolder() moved or left behind from the old folder in this process, one line each
// (for a log; empty when there was nothing to move).
QStringList dataFolderNotes();

}  // namespace twb

// BuiltInTasks: the workbench's own supervised tasks, behind the same interface as a task plugin.
#pragma once

#include <QList>

#include "twb/sdk/Task.h"

namespace twb {

// classification, sentiment (labels) and similarity (scores), in that order. Retrieval and
// translation-pair are not here: they are built from parallel corpora, not from a dataset's rows.
const QList<const sdk::Task*>& supervisedBuiltIns();

}  // namespace twb

// Vocabulary: the built-in names an experiment file uses for tasks and dataset formats.
#pragma once

#include <QStringList>

namespace twb::vocab {

// Tasks the workbench itself knows; plugins add their own (core/plugin/PluginRegistry.h).
inline const QStringList& builtInTasks() {
  static const QStringList names = {QStringLiteral("classification"), QStringLiteral("sentiment"),
                                    QStringLiteral("similarity"), QStringLiteral("retrieval"),
                                    QStringLiteral("translation-pair")};
  return names;
}

// Dataset file formats read without a plugin.
inline const QStringList& fileFormats() {
  static const QStringList names = {QStringLiteral("tsv"), QStringLiteral("csv"),
                                    QStringLiteral("jsonl")};
  return names;
}

}  // namespace twb::vocab

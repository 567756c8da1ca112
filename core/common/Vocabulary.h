// Vocabulary: the fixed words of experiment files and the run store, each in one string table.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

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

// The status of an experiment, run or stage in the store. Runs and stages are created Pending;
// an experiment whose process died reads Interrupted though stored as running.
enum class RunStatus { Pending, Running, Finished, Failed, Interrupted };
// The training stages: the shared pretrain and intermediate stages and each run's target stage.
enum class Stage { Pretrain, Intermediate, Target };
// The two arms of a comparison: without and with the intermediate task.
enum class Arm { Baseline, Transfer };
// How a target is trained: on its own training split, or on the English source (zero-shot).
enum class Setting { Target, ZeroShot };
// The encoder architectures (model.arch).
enum class Family { Bert, Roberta, Xlnet };

template <class E>
struct VocabEntry {
  E value;
  const char* name;
};

// One table per vocabulary: a value's first entry is its name, written and listed; later entries
// with the same value are older names, still read.
template <class E>
struct VocabTable;

template <>
struct VocabTable<RunStatus> {
  static constexpr VocabEntry<RunStatus> entries[] = {
      {RunStatus::Pending, "pending"},
      {RunStatus::Running, "running"},
      {RunStatus::Finished, "finished"},
      {RunStatus::Failed, "failed"},
      {RunStatus::Interrupted, "interrupted"},
      {RunStatus::Interrupted, "cancelled"},  // what older stores wrote for a stopped run
  };
};

template <>
struct VocabTable<Stage> {
  static constexpr VocabEntry<Stage> entries[] = {{Stage::Pretrain, "pretrain"},
                                                  {Stage::Intermediate, "intermediate"},
                                                  {Stage::Target, "target"}};
};

template <>
struct VocabTable<Arm> {
  static constexpr VocabEntry<Arm> entries[] = {{Arm::Baseline, "baseline"},
                                                {Arm::Transfer, "transfer"}};
};

template <>
struct VocabTable<Setting> {
  static constexpr VocabEntry<Setting> entries[] = {{Setting::Target, "target"},
                                                    {Setting::ZeroShot, "zero-shot"}};
};

template <>
struct VocabTable<Family> {
  static constexpr VocabEntry<Family> entries[] = {
      {Family::Bert, "bert"}, {Family::Roberta, "roberta"}, {Family::Xlnet, "xlnet"}};
};

// The name a value is written as.
template <class E>
QString name(E value) {
  for (const VocabEntry<E>& entry : VocabTable<E>::entries)
    if (entry.value == value) return QString::fromLatin1(entry.name);
  return {};
}

// The value a name (or an older name) stands for; nullopt for a word of no vocabulary.
template <class E>
std::optional<E> parse(const QString& text) {
  for (const VocabEntry<E>& entry : VocabTable<E>::entries)
    if (text == QLatin1String(entry.name)) return entry.value;
  return std::nullopt;
}

// Whether text names value (or is an older name of it).
template <class E>
bool is(const QString& text, E value) {
  return parse<E>(text) == value;
}

// Every value's name, in the enum's order; older names are not listed.
template <class E>
QStringList names() {
  QStringList out;
  for (const VocabEntry<E>& entry : VocabTable<E>::entries)
    if (name(entry.value) == QLatin1String(entry.name)) out << QString::fromLatin1(entry.name);
  return out;
}

}  // namespace twb::vocab

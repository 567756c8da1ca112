// SchemaKey: one key of the experiment file: its path, type, default, allowed values and help.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <limits>

namespace twb {

enum class KeyType {
  Text,         // a string
  Choice,       // one of `choices`
  Integer,      // a whole number in [minimum, maximum]
  Number,       // a number in [minimum, maximum], (minimum, maximum] when minimumExclusive
  Boolean,      // true or false
  Dataset,      // a catalog id or a dataset file's map (the `dataset.*` keys)
  DatasetList,  // one dataset or a list of them
  TextList,     // a non-empty list of strings
  Split,        // three fractions [train, dev, test] adding up to 1
  Seeds,        // one seed or a list of distinct seeds
  Map,          // a section: its keys are the ones whose path starts with its own
  MapList,      // a non-empty list of maps (targets)
};

struct SchemaKey {
  QString path;  // "train.lr", "targets[].domain"; "dataset.text" is a key of a dataset's map
  KeyType type = KeyType::Text;
  QString help;        // one line: what it does
  QVariant fallback;   // the value when the key is absent; null when there is none
  QString unsetMeans;  // what absence means when the fallback is outside the rule: "the preset's"
  double minimum = -std::numeric_limits<double>::infinity();
  double maximum = std::numeric_limits<double>::infinity();
  bool minimumExclusive = false;
  QStringList choices;                       // the built-in choices
  QStringList (*pluginChoices)() = nullptr;  // the ones loaded plugins add, when they can
  QString pattern;                           // a regular expression a Text value must match in full
  QString patternExample;                    // what a matching value looks like, for messages
  bool required = false;
  bool nonEmpty = false;       // a Text value written empty is an error
  bool alwaysWritten = false;  // the writer writes it even at its fallback

  QString section() const;  // "train", "targets[]"; "" for the top level
  QString name() const;     // "lr"
  // What a value must be, in words: "a positive whole number", "greater than 0 and at most 1".
  QString rule() const;
  bool fallbackKeepsRule() const;      // false for "0: the preset's" style fallbacks
  QStringList allowedChoices() const;  // choices, then the plugins'
};

// "train.lr must be greater than 0 and at most 1, got 2" when value breaks the key's range, else
// "". `where` names the key in the message ("targets[2].epochs"); empty: the key's own path.
QString rangeProblem(const SchemaKey& key, double value, const QString& where = QString());

// "targets[1].language must be a language code like 'en' or 'fr', got 'English'" when text
// does not match the key's pattern in full, else "". `where` names the key in the message.
QString patternProblem(const SchemaKey& key, const QString& text, const QString& where);

// A number the user typed for key (a form's field): the value, or InputError with the loader's
// message ("train.lr must be greater than 0 and at most 1, got 2").
double parseNumberText(const SchemaKey& key, const QString& text);

// The rule on protocol.seeds, shared by the loader and the window: "" when seed may follow
// earlier, else the message ("protocol.seeds: seed 3 appears twice").
QString seedProblem(long long seed, const QList<int>& earlier);

}  // namespace twb

// YamlFields: position-aware, typed reading of yaml-cpp maps for the experiment loader (private).
#pragma once

#include <yaml-cpp/yaml.h>

#include <QString>
#include <QStringList>
#include <QVector>
#include <limits>

namespace twb::yaml {

// The file named in errors, and the folder relative paths are resolved against.
struct Context {
  QString file;
  QString folder;
};

// Throws InputError at the mark (0-based in yaml-cpp, 1-based in the error).
[[noreturn]] void fail(const Context& context, const YAML::Mark& mark, const QString& message);
// "a map", "a list", "a value", "nothing": what a node is, for messages.
QString describe(const YAML::Node& node);
// The node's text when it is a scalar; fails naming what it is otherwise.
QString scalarText(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                   const QString& what);

// A YAML map whose keys have been checked against the schema: an unknown key fails at its
// position naming the nearest valid key; a repeated key fails too.
class Map {
 public:
  // section names the map in messages ("train", "targets[2]"); "" for the top level.
  Map(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
      const QString& section, const QStringList& allowed);

  bool has(const QString& key) const { return find(key) >= 0; }
  YAML::Node node(const QString& key) const;  // an undefined node when the key is absent
  YAML::Mark keyMark(const QString& key) const;
  YAML::Mark valueMark(const QString& key) const;  // the key's when the value has none
  YAML::Mark mark() const { return mark_; }
  QString path(const QString& key) const;  // "train.lr" in messages
  const Context& context() const { return context_; }

  // Fails naming every key of keys that is absent.
  void require(const QStringList& keys) const;
  [[noreturn]] void failAt(const QString& key, const QString& message) const;

  QString string(const QString& key, const QString& fallback) const;
  QString choice(const QString& key, const QString& fallback, const QStringList& allowed) const;
  int integer(const QString& key, int fallback, int minimum,
              int maximum = std::numeric_limits<int>::max()) const;
  // A number in [minimum, maximum]; minimumExclusive makes it (minimum, maximum].
  double number(const QString& key, double fallback, double minimum, double maximum,
                bool minimumExclusive = false) const;

 private:
  struct Entry {
    QString key;
    YAML::Node keyNode;
    YAML::Node value;
  };
  int find(const QString& key) const;

  Context context_;
  QString section_;
  YAML::Mark mark_;
  QVector<Entry> entries_;
};

// Reads a scalar as an integer, or fails at its position.
long long parseInteger(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                       const QString& what);
double parseNumber(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                   const QString& what);

}  // namespace twb::yaml

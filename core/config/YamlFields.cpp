#include "config/YamlFields.h"

#include <cmath>
#include <limits>

#include "common/InputError.h"
#include "config/Nearest.h"
#include "config/SchemaKey.h"

namespace twb::yaml {
namespace {

// A node's position, or fallback for an absent or empty node (whose mark is where the parser
// noticed it was empty, often the next line).
YAML::Mark markOr(const YAML::Node& node, const YAML::Mark& fallback) {
  if (!node.IsDefined() || node.IsNull()) return fallback;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark;
}

}  // namespace

void fail(const Context& context, const YAML::Mark& mark, const QString& message) {
  if (mark.is_null()) throw InputError(context.file, 0, 0, message);
  throw InputError(context.file, mark.line + 1, mark.column + 1, message);
}

QString describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return QStringLiteral("nothing");
  if (node.IsMap()) return node.size() ? QStringLiteral("a map") : QStringLiteral("an empty map");
  if (node.IsSequence())
    return node.size() ? QStringLiteral("a list") : QStringLiteral("an empty list");
  return QStringLiteral("'%1'").arg(QString::fromStdString(node.Scalar()));
}

QString scalarText(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                   const QString& what) {
  if (!node.IsDefined() || node.IsNull())
    fail(context, markOr(node, fallback), QStringLiteral("%1 has no value").arg(what));
  if (!node.IsScalar())
    fail(context, markOr(node, fallback),
         QStringLiteral("%1 must be a value, not %2").arg(what, describe(node)));
  return QString::fromStdString(node.Scalar());
}

// A quoted scalar is text in YAML (and in the JSON Schema `twb schema` publishes), even when it
// reads as a number: refused, so that the loader and a schema validator agree on a file.
void refuseQuoted(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                  const QString& what, const QString& text) {
  if (node.Tag() == "!")
    fail(context, markOr(node, fallback),
         QStringLiteral("%1 must be a number, not the quoted text '%2' (write it without quotes)")
             .arg(what, text));
}

long long parseInteger(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                       const QString& what) {
  const QString text = scalarText(context, node, fallback, what).trimmed();
  refuseQuoted(context, node, fallback, what, text);
  bool ok = false;
  const long long value = text.toLongLong(&ok, 10);
  if (!ok)
    fail(context, markOr(node, fallback),
         QStringLiteral("%1 must be a whole number, got '%2'").arg(what, text));
  return value;
}

double parseNumber(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
                   const QString& what) {
  const QString text = scalarText(context, node, fallback, what).trimmed();
  refuseQuoted(context, node, fallback, what, text);
  bool ok = false;
  const double value = text.toDouble(&ok);
  if (!ok || !std::isfinite(value))
    fail(context, markOr(node, fallback),
         QStringLiteral("%1 must be a number, got '%2'").arg(what, text));
  return value;
}

Map::Map(const Context& context, const YAML::Node& node, const YAML::Mark& fallback,
         const QString& section, const QStringList& allowed)
    : context_(context), section_(section), mark_(markOr(node, fallback)) {
  const QString name = section.isEmpty() ? QStringLiteral("the experiment") : section;
  if (!node.IsDefined() || !node.IsMap())
    fail(context, mark_,
         QStringLiteral("%1 must be a map with keys %2, not %3")
             .arg(name, allowed.join(QStringLiteral(", ")), describe(node)));
  const QString where =
      section.isEmpty() ? QStringLiteral("at the top level") : QStringLiteral("in %1").arg(section);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node keyNode = it->first;
    const YAML::Mark at = markOr(keyNode, mark_);
    const QString key = scalarText(context, keyNode, at, QStringLiteral("a key ") + where);
    if (!allowed.contains(key))
      fail(context, at,
           QStringLiteral("unknown key '%1' %2%3").arg(key, where, suggestionSuffix(key, allowed)));
    if (find(key) >= 0)
      fail(context, at, QStringLiteral("key '%1' appears twice %2").arg(key, where));
    entries_.push_back({key, keyNode, it->second});
  }
}

int Map::find(const QString& key) const {
  for (int i = 0; i < entries_.size(); ++i)
    if (entries_[i].key == key) return i;
  return -1;
}

YAML::Node Map::node(const QString& key) const {
  const int i = find(key);
  return i >= 0 ? entries_[i].value : YAML::Node(YAML::NodeType::Undefined);
}

YAML::Mark Map::keyMark(const QString& key) const {
  const int i = find(key);
  return i >= 0 ? markOr(entries_[i].keyNode, mark_) : mark_;
}

YAML::Mark Map::valueMark(const QString& key) const {
  const int i = find(key);
  if (i < 0) return mark_;
  const YAML::Node& value = entries_[i].value;
  // An empty value ("epochs:") has no text of its own: point at its key.
  if (value.IsNull()) return keyMark(key);
  return markOr(value, keyMark(key));
}

QString Map::path(const QString& key) const {
  return section_.isEmpty() ? key : section_ + QLatin1Char('.') + key;
}

void Map::require(const QStringList& keys) const {
  QStringList missing;
  for (const QString& key : keys)
    if (!has(key)) missing << key;
  if (missing.isEmpty()) return;
  const QString where = section_.isEmpty() ? QString() : QStringLiteral(" in ") + section_;
  fail(context_, mark_,
       QStringLiteral("missing required key%1 %2%3")
           .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
                QStringLiteral("'") + missing.join(QStringLiteral("', '")) + QStringLiteral("'"),
                where));
}

void Map::failAt(const QString& key, const QString& message) const {
  fail(context_, valueMark(key), message);
}

QString Map::string(const QString& key, const QString& fallback) const {
  if (!has(key)) return fallback;
  return scalarText(context_, node(key), valueMark(key), path(key)).trimmed();
}

QString Map::choice(const QString& key, const QString& fallback, const QStringList& allowed) const {
  if (!has(key)) return fallback;
  const QString value = string(key, fallback);
  if (!allowed.contains(value))
    failAt(key, QStringLiteral("%1 cannot be '%2'%3")
                    .arg(path(key), value, suggestionSuffix(value, allowed)));
  return value;
}

int Map::integer(const QString& key, int fallback, int minimum, int maximum) const {
  if (!has(key)) return fallback;
  const long long value = parseInteger(context_, node(key), valueMark(key), path(key));
  SchemaKey rule;
  rule.type = KeyType::Integer;
  rule.minimum = minimum;
  rule.maximum = maximum;
  const QString problem = rangeProblem(rule, static_cast<double>(value), path(key));
  if (!problem.isEmpty()) failAt(key, problem);
  return static_cast<int>(value);
}

double Map::number(const QString& key, double fallback, double minimum, double maximum,
                   bool minimumExclusive) const {
  if (!has(key)) return fallback;
  const double value = parseNumber(context_, node(key), valueMark(key), path(key));
  SchemaKey rule;
  rule.type = KeyType::Number;
  rule.minimum = minimum;
  rule.maximum = maximum;
  rule.minimumExclusive = minimumExclusive;
  const QString problem = rangeProblem(rule, value, path(key));
  if (!problem.isEmpty()) failAt(key, problem);
  return value;
}

}  // namespace twb::yaml

#include "config/SchemaRead.h"

#include <climits>

#include "config/Nearest.h"

namespace twb::schema {

int readValue(const yaml::Map& map, const SchemaKey& key, int fallback) {
  const double maximum = std::min(key.maximum, double(INT_MAX));
  return map.integer(key.name(), fallback, static_cast<int>(key.minimum),
                     static_cast<int>(maximum));
}

double readValue(const yaml::Map& map, const SchemaKey& key, double fallback) {
  return map.number(key.name(), fallback, key.minimum, key.maximum, key.minimumExclusive);
}

QString readValue(const yaml::Map& map, const SchemaKey& key, const QString& fallback) {
  const QString name = key.name();
  if (key.type == KeyType::Choice) {
    const QStringList allowed = key.allowedChoices();
    const QString value = map.string(name, fallback);
    if (key.pluginChoices && map.has(name) && !allowed.contains(value))
      map.failAt(name, QStringLiteral("%1 cannot be '%2'%3; a plugin can add it (`twb plugins` "
                                      "lists the ones loaded)")
                           .arg(map.path(name), value, suggestionSuffix(value, allowed)));
    return map.choice(name, fallback, allowed);
  }
  const QString value = map.string(name, fallback);
  if (key.nonEmpty && map.has(name) && value.isEmpty())
    map.failAt(name, QStringLiteral("%1 must not be empty").arg(map.path(name)));
  if (map.has(name)) {
    const QString problem = patternProblem(key, value, map.path(name));
    if (!problem.isEmpty()) map.failAt(name, problem);
  }
  return value;
}

bool readValue(const yaml::Map& map, const SchemaKey& key, bool fallback) {
  const QString name = key.name();
  if (!map.has(name)) return fallback;
  // YAML 1.2's booleans: true, True, TRUE and the same of false.
  const QString value = map.string(name, QString());
  const QStringList truths = {QStringLiteral("true"), QStringLiteral("True"),
                              QStringLiteral("TRUE")};
  const QStringList falsehoods = {QStringLiteral("false"), QStringLiteral("False"),
                                  QStringLiteral("FALSE")};
  if (!truths.contains(value) && !falsehoods.contains(value))
    map.failAt(name, QStringLiteral("%1 must be true or false (%2), not '%3'")
                         .arg(map.path(name), key.help, value));
  return truths.contains(value);
}

}  // namespace twb::schema

// SchemaRead: reads a YAML map's bound keys into a spec struct by the schema's rules (private).
#pragma once

#include "config/SchemaFields.h"
#include "config/YamlFields.h"

namespace twb::schema {

// A key's value as the schema allows it; fallback when the key is absent. Fails at the value's
// position naming the key and the rule.
int readValue(const yaml::Map& map, const SchemaKey& key, int fallback);
double readValue(const yaml::Map& map, const SchemaKey& key, double fallback);
QString readValue(const yaml::Map& map, const SchemaKey& key, const QString& fallback);
bool readValue(const yaml::Map& map, const SchemaKey& key, bool fallback);

// Reads every field written in map into into; the keys left out keep into's values.
template <class S>
void readFields(const yaml::Map& map, const QList<Field<S>>& fields, S& into) {
  for (const Field<S>& field : fields) {
    if (!map.has(field.key.name())) continue;
    std::visit([&](auto member) { into.*member = readValue(map, field.key, into.*member); },
               field.member);
  }
}

}  // namespace twb::schema

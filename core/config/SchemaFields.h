// SchemaFields: the experiment schema's keys bound to the spec structs' members (config-private).
#pragma once

#include <QList>
#include <variant>

#include "config/ExperimentSpec.h"
#include "config/SchemaKey.h"

namespace twb::schema {

// A member of S that a key reads into and writes from.
template <class S>
using Member = std::variant<int S::*, double S::*, QString S::*, bool S::*>;

// A key whose value lives in one member; its fallback is that member in a default-built S, so a
// default is written once, in the struct. key.path holds only the key's name.
template <class S>
struct Field {
  SchemaKey key;
  Member<S> member;
};

// The bound keys of each section, in file order. Task fields serve `intermediate` and every
// target; target fields are a target's own.
const QList<Field<ModelSpec>>& modelFields();
const QList<Field<PretrainSpec>>& pretrainFields();
const QList<Field<TaskSpec>>& taskFields();
const QList<Field<TargetSpec>>& targetFields();
const QList<Field<ProtocolSpec>>& protocolFields();
const QList<Field<TrainSpec>>& trainFields();
const QList<Field<DatasetRef>>& datasetFields();

// Whether value's member differs from the default-built S's.
template <class S>
bool differsFromDefault(const Field<S>& field, const S& value) {
  static const S defaults{};
  return std::visit([&](auto member) { return value.*member != defaults.*member; }, field.member);
}

}  // namespace twb::schema

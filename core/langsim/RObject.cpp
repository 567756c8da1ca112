#include "langsim/RObject.h"

#include <limits>

namespace twb {

qsizetype RObject::length() const {
  switch (type) {
    case Type::Logical:
    case Type::Integer:
      return integers.size();
    case Type::Double:
      return doubles.size();
    case Type::Complex:
      return doubles.size() / 2;
    case Type::Character:
      return strings.size();
    case Type::Raw:
      return raw.size();
    case Type::List:
    case Type::Pairlist:
      return items.size();
    default:
      return 0;
  }
}

const RObject* RObject::attribute(const QString& name) const {
  for (const auto& [key, value] : attributes)
    if (key == name) return value.get();
  return nullptr;
}

QStringList RObject::names() const {
  if (type == Type::Pairlist) return tags;
  const RObject* names = attribute(QStringLiteral("names"));
  return names && names->type == Type::Character ? names->strings : QStringList();
}

QStringList RObject::classes() const {
  const RObject* cls = attribute(QStringLiteral("class"));
  return cls && cls->type == Type::Character ? cls->strings : QStringList();
}

const RObject* RObject::item(const QString& name) const {
  if (type != Type::List && type != Type::Pairlist) return nullptr;
  const QStringList keys = names();
  const qsizetype index = keys.indexOf(name);
  return index >= 0 && index < items.size() ? items[index].get() : nullptr;
}

QStringList RObject::asStrings() const {
  QStringList out;
  if (type == Type::Character) return strings;
  if (isFactor()) {
    const RObject* levels = attribute(QStringLiteral("levels"));
    const QStringList labels = levels ? levels->strings : QStringList();
    for (int code : integers)
      out << (code >= 1 && code <= labels.size() ? labels[code - 1] : QString());
    return out;
  }
  if (type == Type::Integer || type == Type::Logical) {
    for (int value : integers) {
      if (value == kRNaInteger)
        out << QString();
      else if (type == Type::Logical)
        out << (value ? QStringLiteral("TRUE") : QStringLiteral("FALSE"));
      else
        out << QString::number(value);
    }
    return out;
  }
  if (type == Type::Double) {
    for (double value : doubles)
      out << (value == value ? QString::number(value, 'g', 17) : QString());
  }
  return out;
}

QVector<double> RObject::asDoubles() const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  QVector<double> out;
  if (type == Type::Double) return doubles;
  if (type == Type::Integer || type == Type::Logical) {
    out.reserve(integers.size());
    for (int value : integers) out << (value == kRNaInteger ? kNaN : double(value));
    return out;
  }
  if (type == Type::Character) {
    for (const QString& text : strings) {
      bool ok = false;
      const double value = text.toDouble(&ok);
      out << (ok ? value : kNaN);
    }
  }
  return out;
}

}  // namespace twb

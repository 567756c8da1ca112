// RObject: an R value as read from R's serialization format (.rda/.RData), with the helpers
// that turn data-frame columns (factors, character, numbers) into Qt values.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <climits>
#include <memory>
#include <utility>

namespace twb {

struct RObject;
using RObjectPtr = std::shared_ptr<const RObject>;

// R's missing integer and logical value.
constexpr int kRNaInteger = INT_MIN;

struct RObject {
  enum class Type {
    Null,
    Symbol,     // name in `symbol`
    Pairlist,   // `items` with `tags` (attribute lists, the top level of an .rda)
    Logical,    // `integers`: 0, 1 or kRNaInteger
    Integer,    // `integers` (factors: 1-based level codes)
    Double,     // `doubles` (NA and NaN both as NaN)
    Complex,    // `doubles`, real and imaginary interleaved
    Character,  // `strings`; NA as a null QString
    Raw,        // `raw`
    List,       // `items` (VECSXP; data frames)
    Environment,
    Other  // a type kept only as a placeholder (closures, language objects)
  };

  Type type = Type::Null;
  QString symbol;
  QVector<int> integers;
  QVector<double> doubles;
  QStringList strings;
  QByteArray raw;
  QVector<RObjectPtr> items;
  QStringList tags;  // Pairlist: one per item (empty when untagged)
  QVector<std::pair<QString, RObjectPtr>> attributes;

  qsizetype length() const;
  const RObject* attribute(const QString& name) const;  // null when absent
  QStringList names() const;                            // the "names" attribute, or empty
  QStringList classes() const;                          // the "class" attribute, or empty
  bool inherits(const QString& className) const { return classes().contains(className); }
  bool isFactor() const { return type == Type::Integer && inherits(QStringLiteral("factor")); }
  // The list item or pairlist item named `name`, or null.
  const RObject* item(const QString& name) const;

  // A vector as strings: factor labels, character values, numbers printed; NA as null QString.
  QStringList asStrings() const;
  // A vector as numbers: doubles, integers and logicals; NA (and non-numbers) as NaN.
  QVector<double> asDoubles() const;
};

}  // namespace twb

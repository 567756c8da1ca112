#include "config/SchemaKey.h"

#include <QLocale>
#include <QRegularExpression>
#include <climits>
#include <cmath>

#include "common/InputError.h"

namespace twb {
namespace {

QString numberText(double value) {
  if (value == std::trunc(value) && std::abs(value) < 1e15)
    return QString::number(static_cast<long long>(value));
  return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool isWhole(const SchemaKey& key) { return key.type == KeyType::Integer; }

}  // namespace

QString SchemaKey::section() const {
  const int dot = path.lastIndexOf(QLatin1Char('.'));
  return dot < 0 ? QString() : path.left(dot);
}

QString SchemaKey::name() const { return path.mid(path.lastIndexOf(QLatin1Char('.')) + 1); }

QString SchemaKey::rule() const {
  const bool low = minimum > -std::numeric_limits<double>::max();
  const bool high =
      maximum < (isWhole(*this) ? double(INT_MAX) : std::numeric_limits<double>::max());
  if (isWhole(*this)) {
    if (!high && minimum == 1) return QStringLiteral("a positive whole number");
    if (!high && minimum == 0) return QStringLiteral("zero or a positive whole number");
    QString text = QStringLiteral("a whole number");
    if (low && high)
      return text + QStringLiteral(" from %1 to %2").arg(numberText(minimum), numberText(maximum));
    if (low) return text + QStringLiteral(" >= %1").arg(numberText(minimum));
    if (high) return text + QStringLiteral(" <= %1").arg(numberText(maximum));
    return text;
  }
  QString text;
  if (low)
    text = minimumExclusive ? QStringLiteral("greater than %1").arg(numberText(minimum))
                            : QStringLiteral("at least %1").arg(numberText(minimum));
  if (high) {
    if (!text.isEmpty()) text += QStringLiteral(" and ");
    text += QStringLiteral("at most %1").arg(numberText(maximum));
  }
  return text.isEmpty() ? QStringLiteral("a number") : text;
}

bool SchemaKey::fallbackKeepsRule() const {
  if (fallback.isNull()) return false;
  if (type == KeyType::Text && fallback.toString().isEmpty()) return !nonEmpty && pattern.isEmpty();
  if (type != KeyType::Integer && type != KeyType::Number) return true;
  const double value = fallback.toDouble();
  return rangeProblem(*this, value).isEmpty();
}

QStringList SchemaKey::allowedChoices() const {
  return pluginChoices ? choices + pluginChoices() : choices;
}

QString rangeProblem(const SchemaKey& key, double value, const QString& where) {
  const bool low = key.minimumExclusive ? value <= key.minimum : value < key.minimum;
  const double maximum =
      key.type == KeyType::Integer ? std::min(key.maximum, double(INT_MAX)) : key.maximum;
  if (!low && value <= maximum) return QString();
  return QStringLiteral("%1 must be %2, got %3")
      .arg(where.isEmpty() ? key.path : where, key.rule(), numberText(value));
}

QString patternProblem(const SchemaKey& key, const QString& text, const QString& where) {
  if (key.pattern.isEmpty()) return QString();
  const QRegularExpression pattern(QRegularExpression::anchoredPattern(key.pattern));
  if (pattern.match(text).hasMatch()) return QString();
  return QStringLiteral("%1 must be %2, got '%3'").arg(where, key.patternExample, text);
}

double parseNumberText(const SchemaKey& key, const QString& text) {
  bool ok = false;
  const double value = text.trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(value))
    throw InputError(QStringLiteral("%1 must be a number, got '%2'").arg(key.path, text.trimmed()));
  const QString problem = rangeProblem(key, value);
  if (!problem.isEmpty()) throw InputError(problem);
  return value;
}

QString seedProblem(long long seed, const QList<int>& earlier) {
  if (seed < 0 || seed > std::numeric_limits<int>::max())
    return QStringLiteral("protocol.seeds: a seed must be between 0 and %1, got %2")
        .arg(std::numeric_limits<int>::max())
        .arg(seed);
  if (earlier.contains(static_cast<int>(seed)))
    return QStringLiteral("protocol.seeds: seed %1 appears twice").arg(seed);
  return QString();
}

}  // namespace twb

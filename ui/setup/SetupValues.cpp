#include "setup/SetupValues.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <limits>

#include "common/InputError.h"
#include "config/ExperimentWriter.h"

namespace twb {

QList<int> parseSeeds(const QString& text) {
  static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
  const QStringList items = text.trimmed().split(separators, Qt::SkipEmptyParts);
  if (items.isEmpty())
    throw InputError(QStringLiteral("protocol.seeds: give at least one seed, like 1, 2, 3"));
  QList<int> seeds;
  for (const QString& item : items) {
    bool ok = false;
    const long long seed = item.toLongLong(&ok, 10);
    if (!ok)
      throw InputError(
          QStringLiteral("protocol.seeds: '%1' is not a whole number; write seeds like 1, 2, 3")
              .arg(item));
    if (seed < 0 || seed > std::numeric_limits<int>::max())
      throw InputError(QStringLiteral("protocol.seeds: a seed must be between 0 and %1, got %2")
                           .arg(std::numeric_limits<int>::max())
                           .arg(item));
    if (seeds.contains(static_cast<int>(seed)))
      throw InputError(QStringLiteral("protocol.seeds: seed %1 appears twice").arg(seed));
    seeds << static_cast<int>(seed);
  }
  return seeds;
}

QString formatSeeds(const QList<int>& seeds) {
  QStringList items;
  for (int seed : seeds) items << QString::number(seed);
  return items.join(QStringLiteral(", "));
}

double parseRate(const QString& text, const QString& key) {
  bool ok = false;
  const double value = text.trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(value))
    throw InputError(QStringLiteral("%1: '%2' is not a number; write it like 1e-4 or 0.0001")
                         .arg(key, text.trimmed()));
  if (value <= 0 || value > 1)
    throw InputError(QStringLiteral("%1: must be greater than 0 and at most 1, got %2")
                         .arg(key, shortestNumber(value)));
  return value;
}

QString formatByteSize(qint64 bytes) {
  const QLocale locale;
  if (bytes >= 1'000'000'000)
    return QStringLiteral("%1 GB").arg(locale.toString(double(bytes) / 1e9, 'f', 1));
  if (bytes >= 1'000'000)
    return QStringLiteral("%1 MB").arg(locale.toString(double(bytes) / 1e6, 'f', 0));
  return QStringLiteral("%1 kB").arg(locale.toString(double(bytes) / 1e3, 'f', 0));
}

QString formatParameterCount(qint64 parameters) {
  const QLocale locale;
  if (parameters >= 1'000'000'000)
    return QStringLiteral("%1B parameters").arg(locale.toString(double(parameters) / 1e9, 'f', 1));
  return QStringLiteral("%1M parameters").arg(locale.toString(double(parameters) / 1e6, 'f', 0));
}

}  // namespace twb

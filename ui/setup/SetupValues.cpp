#include "setup/SetupValues.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include "common/InputError.h"
#include "config/SchemaKey.h"

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
    const QString problem = seedProblem(seed, seeds);
    if (!problem.isEmpty()) throw InputError(problem);
    seeds << static_cast<int>(seed);
  }
  return seeds;
}

QString formatSeeds(const QList<int>& seeds) {
  QStringList items;
  for (int seed : seeds) items << QString::number(seed);
  return items.join(QStringLiteral(", "));
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

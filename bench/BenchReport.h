// BenchReport: what the window benchmarks share: order statistics, resident memory, the output.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QVector>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace twb::bench {

// Nearest-rank quantile (q in [0, 1]) of the samples; 0 when there are none.
inline double quantile(QVector<double> samples, double q) {
  if (samples.isEmpty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<qsizetype>(std::ceil(q * samples.size()));
  return samples[std::clamp<qsizetype>(rank - 1, 0, samples.size() - 1)];
}

inline double median(const QVector<double>& samples) { return quantile(samples, 0.5); }

inline double worst(const QVector<double>& samples) {
  return samples.isEmpty() ? 0 : *std::max_element(samples.begin(), samples.end());
}

// Resident set of this process now, in MiB (/proc/self/statm's second field).
inline double residentMiB() {
  QFile statm(QStringLiteral("/proc/self/statm"));
  if (!statm.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = statm.readAll().simplified().split(' ');
  if (fields.size() < 2) return 0;
  return fields[1].toDouble() * sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

// The largest resident set this process has had, in MiB.
inline double peakResidentMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // kilobytes on Linux
}

// Milliseconds rounded to 0.01, so the JSON carries no float noise.
inline double ms(double value) { return std::round(value * 100) / 100; }

// One row of the table scripts/bench and scripts/bench-window print (bench/report.py reads the
// "figures" of every object whose "bench" starts with window or startup): what, the figure as
// text, the target as text ("" for none) and whether it is met (null without a target).
inline QJsonArray figure(const QString& what, const QString& measured,
                         const QString& target = QString(), std::optional<bool> met = {}) {
  return {what, measured, target, met ? QJsonValue(*met) : QJsonValue()};
}

// With --json: the object on one line; else the human line.
inline void report(bool json, const QJsonObject& object, const QString& human) {
  if (json) {
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
  } else {
    std::printf("%s\n", qPrintable(human));
  }
  std::fflush(stdout);
}

}  // namespace twb::bench

#include "plots/CurveStore.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace twb {

namespace {

SeriesPoint toSeriesPoint(const MetricPoint& p) { return {p.step, p.epoch, p.wallTime, p.value}; }

int stageOrder(const QString& stage) {
  static const QStringList order = {QStringLiteral("pretrain"), QStringLiteral("intermediate"),
                                    QStringLiteral("target"), QStringLiteral("eval")};
  const int i = static_cast<int>(order.indexOf(stage));
  return i < 0 ? static_cast<int>(order.size()) : i;
}

}  // namespace

bool SeriesKey::operator<(const SeriesKey& o) const {
  return std::make_tuple(origin, stageOrder(stage), stage, target, arm, seed, metric) <
         std::make_tuple(o.origin, stageOrder(o.stage), o.stage, o.target, o.arm, o.seed,
                         o.metric);
}

bool SeriesKey::operator==(const SeriesKey& o) const {
  return origin == o.origin && stage == o.stage && arm == o.arm && target == o.target &&
         seed == o.seed && metric == o.metric;
}

QString SeriesKey::label() const {
  QStringList parts;
  if (!origin.isEmpty()) parts << origin;
  if (!arm.isEmpty()) parts << arm;
  if (!target.isEmpty()) parts << target;
  parts << QStringLiteral("seed %1").arg(seed) << stage << metric;
  parts.removeAll(QString());
  return parts.join(QStringLiteral(" · "));
}

bool higherIsBetter(const QString& metric) {
  return !metric.contains(QStringLiteral("loss"), Qt::CaseInsensitive) &&
         !metric.contains(QStringLiteral("error"), Qt::CaseInsensitive);
}

bool isDevMetric(const QString& metric) {
  return metric.startsWith(QStringLiteral("dev_"), Qt::CaseInsensitive);
}

CurveStore::CurveStore(QObject* parent) : QObject(parent) {}

SeriesKey CurveStore::keyOf(const StageInfo& where, const QString& metric,
                            const QString& origin) {
  return {where.stage, where.arm, where.target, where.seed, metric, origin};
}

void CurveStore::insertSorted(QVector<SeriesPoint>* series, const SeriesPoint& point) {
  // Points arrive in step order; the rare late one is put in its place so the x stays sorted.
  if (series->isEmpty() || series->back().step <= point.step) {
    series->push_back(point);
    return;
  }
  auto at = std::upper_bound(
      series->begin(), series->end(), point.step,
      [](qint64 step, const SeriesPoint& p) { return step < p.step; });
  series->insert(at, point);
}

void CurveStore::add(const QVector<LivePoint>& points) {
  if (points.isEmpty()) return;
  for (const LivePoint& lp : points) {
    insertSorted(&series_[keyOf(lp.where, lp.point.name, QString())], toSeriesPoint(lp.point));
  }
  pointCount_ += points.size();
  Q_EMIT changed();
}

void CurveStore::addStored(const StageInfo& stage, const QVector<MetricPoint>& points,
                           const QString& origin) {
  // Group by metric first, so each series is replaced once, then filled.
  QMap<QString, QVector<SeriesPoint>> byMetric;
  for (const MetricPoint& p : points) insertSorted(&byMetric[p.name], toSeriesPoint(p));
  for (auto it = byMetric.cbegin(); it != byMetric.cend(); ++it) {
    QVector<SeriesPoint>& target = series_[keyOf(stage, it.key(), origin)];
    pointCount_ += it.value().size() - target.size();
    target = it.value();
  }
  Q_EMIT changed();
}

void CurveStore::clear() {
  series_.clear();
  pointCount_ = 0;
  Q_EMIT changed();
}

QList<SeriesKey> CurveStore::keys() const { return series_.keys(); }

bool CurveStore::contains(const SeriesKey& key) const { return series_.contains(key); }

QVector<SeriesPoint> CurveStore::points(const SeriesKey& key) const {
  return series_.value(key);
}

int CurveStore::seriesCount() const { return static_cast<int>(series_.size()); }

qint64 CurveStore::pointCount() const { return pointCount_; }

QStringList CurveStore::metrics() const {
  QStringList names;
  for (auto it = series_.cbegin(); it != series_.cend(); ++it) {
    if (!names.contains(it.key().metric)) names << it.key().metric;
  }
  names.sort();
  return names;
}

QStringList CurveStore::stages() const {
  QStringList names;
  for (auto it = series_.cbegin(); it != series_.cend(); ++it) {
    if (!names.contains(it.key().stage)) names << it.key().stage;
  }
  std::stable_sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
    return stageOrder(a) < stageOrder(b);
  });
  return names;
}

BestPoint CurveStore::best(const SeriesKey& key) const {
  BestPoint result;
  if (!isDevMetric(key.metric)) return result;
  const auto it = series_.constFind(key);
  if (it == series_.cend()) return result;
  const bool higher = higherIsBetter(key.metric);
  const QVector<SeriesPoint>& pts = it.value();
  for (int i = 0; i < pts.size(); ++i) {
    const double v = pts[i].value;
    if (!std::isfinite(v)) continue;
    // Strict comparison: on ties the earliest step wins (the checkpoint early stopping keeps).
    if (!result.valid || (higher ? v > result.point.value : v < result.point.value)) {
      result = {true, i, pts[i]};
    }
  }
  return result;
}

}  // namespace twb

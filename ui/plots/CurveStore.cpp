#include "plots/CurveStore.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "common/Vocabulary.h"

namespace twb {

namespace {

SeriesPoint toSeriesPoint(const MetricPoint& p) { return {p.step, p.epoch, p.wallTime, p.value}; }

int stageOrder(const QString& stage) {
  static const QStringList order = vocab::names<vocab::Stage>() << QStringLiteral("eval");
  const int i = static_cast<int>(order.indexOf(stage));
  return i < 0 ? static_cast<int>(order.size()) : i;
}

}  // namespace

bool SeriesKey::operator<(const SeriesKey& o) const {
  if (origin != o.origin) return origin < o.origin;
  if (stage != o.stage) {
    // Stages in pipeline order, so curves and legend read pretrain -> intermediate -> target.
    const int a = stageOrder(stage);
    const int b = stageOrder(o.stage);
    return a != b ? a < b : stage < o.stage;
  }
  return std::tie(target, arm, seed, metric) < std::tie(o.target, o.arm, o.seed, o.metric);
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

SeriesKey CurveStore::keyOf(const StageInfo& where, const QString& metric, const QString& origin) {
  return {where.stage, where.arm, where.target, where.seed, metric, origin};
}

bool CurveStore::insertSorted(QVector<SeriesPoint>* series, const SeriesPoint& point) {
  // Points arrive in step order; the rare late one is put in its place so the x stays sorted.
  if (series->isEmpty() || series->back().step <= point.step) {
    series->push_back(point);
    return true;
  }
  auto at = std::upper_bound(series->begin(), series->end(), point.step,
                             [](qint64 step, const SeriesPoint& p) { return step < p.step; });
  series->insert(at, point);
  return false;
}

void CurveStore::add(const QVector<LivePoint>& points) {
  if (points.isEmpty()) return;
  // A batch is mostly long runs of one series: look the map up only when the series changes.
  SeriesKey last;
  Series* series = nullptr;
  for (const LivePoint& lp : points) {
    const StageInfo& w = lp.where;
    if (!series || last.seed != w.seed || last.metric != lp.point.name || last.stage != w.stage ||
        last.arm != w.arm || last.target != w.target) {
      last = keyOf(w, lp.point.name, QString());
      series = &touch(last);
    }
    if (!insertSorted(&series->points, toSeriesPoint(lp.point))) series->generation = ++revision_;
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
    Series& target = touch(keyOf(stage, it.key(), origin));
    pointCount_ += it.value().size() - target.points.size();
    target.points = it.value();
    target.generation = ++revision_;
  }
  Q_EMIT changed();
}

void CurveStore::clear() {
  series_.clear();
  pointCount_ = 0;
  Q_EMIT changed();
}

CurveStore::Series& CurveStore::touch(const SeriesKey& key) {
  auto it = series_.find(key);
  if (it == series_.end()) {
    it = series_.insert(key, Series());
    it->generation = ++revision_;
  }
  it->revision = ++revision_;
  return *it;
}

quint64 CurveStore::revision(const SeriesKey& key) const {
  const auto it = series_.constFind(key);
  return it == series_.cend() ? 0 : it->revision;
}

quint64 CurveStore::generation(const SeriesKey& key) const {
  const auto it = series_.constFind(key);
  return it == series_.cend() ? 0 : it->generation;
}

QList<SeriesKey> CurveStore::keys() const { return series_.keys(); }

bool CurveStore::contains(const SeriesKey& key) const { return series_.contains(key); }

QVector<SeriesPoint> CurveStore::points(const SeriesKey& key) const {
  return series_.value(key).points;
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
  const auto it = series_.constFind(key);
  return it == series_.cend() ? BestPoint() : bestPoint(it->points, key.metric);
}

BestPoint bestPoint(const QVector<SeriesPoint>& points, const QString& metric) {
  BestPoint result;
  if (!isDevMetric(metric)) return result;
  const bool higher = higherIsBetter(metric);
  for (int i = 0; i < points.size(); ++i) {
    const double v = points[i].value;
    if (!std::isfinite(v)) continue;
    // Strict comparison: on ties the earliest step wins (the checkpoint early stopping keeps).
    if (!result.valid || (higher ? v > result.point.value : v < result.point.value)) {
      result = {true, i, points[i]};
    }
  }
  return result;
}

}  // namespace twb

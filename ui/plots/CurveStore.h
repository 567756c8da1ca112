// CurveStore: every point of the live (and overlaid stored) metric series, for the loss plot.
#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "MetaTypes.h"
#include "common/TaskState.h"
#include "plots/SeriesMath.h"
#include "store/Records.h"

namespace twb {

// Names one metric series: a stage of one (arm, target, seed), and one metric. Shared stages
// (pretrain, intermediate) have an empty arm and target. `origin` tells overlaid stored runs
// apart from the live experiment (empty for the live one).
struct SeriesKey {
  QString stage;
  QString arm;
  QString target;
  int seed = 0;
  QString metric;
  QString origin;

  bool operator<(const SeriesKey& other) const;
  bool operator==(const SeriesKey& other) const;
  // "transfer · sst2 · seed 1 · target · dev_loss" (empty parts left out).
  QString label() const;
};

// The best dev point of a series: highest accuracy / pearson / f1, lowest loss.
struct BestPoint {
  bool valid = false;
  int index = -1;
  SeriesPoint point;
};

// The best point of a dev series (see BestPoint); invalid for other metrics.
BestPoint bestPoint(const QVector<SeriesPoint>& points, const QString& metric);

// Whether a larger value of the metric is better ("dev_loss": no; "dev_accuracy": yes).
bool higherIsBetter(const QString& metric);
// Whether the metric is measured on the dev split (the one early stopping looks at).
bool isDevMetric(const QString& metric);

// Lives on the GUI thread. Keeps every point: no sampling here, the plot decimates per pixel.
class CurveStore : public QObject {
  Q_OBJECT
 public:
  explicit CurveStore(QObject* parent = nullptr);

  // Loads the points of a stored stage, replacing what the series had (a stored stage is
  // complete). Emits changed() once.
  void addStored(const StageInfo& stage, const QVector<MetricPoint>& points,
                 const QString& origin = QString());

  QList<SeriesKey> keys() const;
  bool contains(const SeriesKey& key) const;
  QVector<SeriesPoint> points(const SeriesKey& key) const;
  int seriesCount() const;
  qint64 pointCount() const;
  QStringList metrics() const;  // distinct metric names, sorted
  QStringList stages() const;   // distinct stage names in pipeline order
  // The best point of a dev series; invalid for train series and empty ones.
  BestPoint best(const SeriesKey& key) const;
  // Changes whenever the series' points do (0: no such series): lets the plot reuse work.
  quint64 revision(const SeriesKey& key) const;
  // Changes when a series is created or replaced or gets a point before its last one (0: no
  // such series). While it stays the same, the points of an earlier revision are still the
  // first ones: new points were only appended, so work on them can be extended.
  quint64 generation(const SeriesKey& key) const;

 public Q_SLOTS:
  // Appends live points (kept in step order) and emits changed() once. Connect
  // TrainingWorker::pointsArrived here.
  void add(const QVector<twb::LivePoint>& points);
  void clear();

 Q_SIGNALS:
  void changed();

 private:
  static SeriesKey keyOf(const StageInfo& where, const QString& metric, const QString& origin);
  // Whether the point went to the end (else it was put in its place before).
  static bool insertSorted(QVector<SeriesPoint>* series, const SeriesPoint& point);

  struct Series {
    QVector<SeriesPoint> points;
    quint64 revision = 0;
    quint64 generation = 0;
  };
  Series& touch(const SeriesKey& key);

  QMap<SeriesKey, Series> series_;
  qint64 pointCount_ = 0;
  quint64 revision_ = 0;
};

}  // namespace twb

#include "plots/CurveDrawing.h"

#include <qcustomplot.h>

#include <QMap>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

#include "plots/SeriesStyle.h"

namespace twb {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLabelGap = 8;   // pixels between a best point and its label
constexpr double kLabelRow = 22;  // pixels per stacked label

// Series that differ only in seed form a group: one legend entry, one "best" label.
QString groupId(const SeriesKey& key) {
  return key.origin + QLatin1Char('|') + (key.arm.isEmpty() ? key.stage : key.arm) +
         QLatin1Char('|') + key.target;
}

QString groupLabel(const SeriesKey& key, int seeds) {
  QStringList parts;
  if (!key.origin.isEmpty()) parts << key.origin;
  parts << (key.arm.isEmpty() ? key.stage : key.arm);
  if (!key.target.isEmpty()) parts << key.target;
  QString label = parts.join(QStringLiteral(" · "));
  if (seeds > 1) label += QStringLiteral(" (%1 seeds)").arg(seeds);
  return label;
}

QString formatValue(double v) {
  return std::abs(v) < 100 ? QString::number(v, 'f', 3) : QString::number(v, 'g', 5);
}

// The y range of one series in the axis' own scale (decades when logarithmic).
YRange seriesRange(const QVector<double>& ys, const CurveOptions& options) {
  if (!options.logY) return options.ignoreOutliers ? robustRange(ys) : fullRange(ys, 0.03);
  QVector<double> logs;
  logs.reserve(ys.size());
  for (double v : ys) logs.push_back(v > 0 ? std::log10(v) : kNaN);
  YRange r = options.ignoreOutliers ? robustRange(logs) : fullRange(logs, 0.03);
  if (r.valid) r = {std::pow(10.0, r.lower), std::pow(10.0, r.upper), true};
  return r;
}

// The points of [first, last) that cover the visible span, with one neighbour on each side so
// lines run off the edges instead of stopping short.
XYSeries visibleSlice(const QVector<double>& xs, const QVector<double>& ys,
                      const CurveOptions& options) {
  if (!options.clipX) return {xs, ys};
  const auto begin = std::lower_bound(xs.begin(), xs.end(), options.xLower);
  const auto end = std::upper_bound(xs.begin(), xs.end(), options.xUpper);
  const int first = std::max(0, static_cast<int>(begin - xs.begin()) - 1);
  const int last = std::min(static_cast<int>(xs.size()), static_cast<int>(end - xs.begin()) + 1);
  return {xs.mid(first, last - first), ys.mid(first, last - first)};
}

QCPGraph* addGraph(QCustomPlot* plot, const XYSeries& points, const QPen& pen) {
  QCPGraph* graph = plot->addGraph();
  graph->setPen(pen);
  graph->setLineStyle(QCPGraph::lsLine);
  graph->setAdaptiveSampling(false);  // the envelope already did what the pixels need
  graph->setData(points.x, points.y);
  return graph;
}

void addBestLabel(QCustomPlot* plot, const BestMark& mark, QCPItemTracer* tracer,
                  const QColor& colour, const YRange& xRange, int row) {
  auto* label = new QCPItemText(plot);
  label->position->setParentAnchor(tracer->position);
  label->position->setType(QCPItemPosition::ptAbsolute);
  // Above a maximum, below a minimum: the label never covers the curve it names.
  const bool above = higherIsBetter(mark.key.metric);
  // Stacked rows, so labels of curves that peak together do not cover each other.
  const double offset = kLabelGap + kLabelRow * row;
  label->position->setCoords(0, above ? -offset : offset);
  Qt::Alignment align = above ? Qt::AlignBottom : Qt::AlignTop;
  const double span = xRange.upper - xRange.lower;
  const double at = span > 0 ? (mark.x - xRange.lower) / span : 0.5;
  align |= at > 0.75 ? Qt::AlignRight : (at < 0.25 ? Qt::AlignLeft : Qt::AlignHCenter);
  label->setPositionAlignment(align);
  label->setText(QStringLiteral("best %1 @ step %2").arg(formatValue(mark.value)).arg(mark.step));
  label->setColor(colour.darker(130));
  label->setBrush(QColor(255, 255, 255, 210));
  label->setPen(QPen(colour, 1));
  label->setPadding(QMargins(4, 2, 4, 2));
}

}  // namespace

DrawnCurves drawCurves(QCustomPlot* plot, const CurveStore& store, const CurveOptions& options) {
  plot->clearGraphs();
  plot->clearItems();
  DrawnCurves out;

  // Colours and shades come from the whole store, so filtering never recolours a curve.
  QStringList targets;
  QVector<int> seeds;
  QList<SeriesKey> keys;
  QMap<QString, int> seedsInGroup;
  for (const SeriesKey& key : store.keys()) {
    if (!key.target.isEmpty() && !targets.contains(key.target)) targets << key.target;
    if (!seeds.contains(key.seed)) seeds << key.seed;
    if (key.metric != options.metric) continue;
    if (!options.stage.isEmpty() && key.stage != options.stage) continue;
    keys << key;
    ++seedsInGroup[groupId(key)];
  }
  std::sort(seeds.begin(), seeds.end());

  QMap<QString, int> bestOfGroup;  // group -> index into out.marks
  QMap<QString, QPair<QColor, QCPItemTracer*>> markStyle;  // group -> label colour, tracer
  QSet<QString> inLegend;
  for (const SeriesKey& key : keys) {
    const QVector<SeriesPoint> points = store.points(key);
    if (points.isEmpty()) continue;
    const QVector<double> xs = xValues(points, options.xMode);
    QVector<double> ys = yValues(points);
    if (options.logY) {
      for (double& v : ys) v = v > 0 ? v : kNaN;  // no place for them on a log axis
    }
    out.xRange = unite(out.xRange, fullRange(xs, 0));
    out.yRange = unite(out.yRange, seriesRange(ys, options));

    const int targetIndex = static_cast<int>(targets.indexOf(key.target));
    const int seedIndex = static_cast<int>(seeds.indexOf(key.seed));
    const bool smooth = options.smoothing > 0;
    const QPen pen = SeriesStyle::pen(key.arm, targetIndex, seedIndex, smooth ? 2.0 : 1.5);
    QCPGraph* main = nullptr;
    const XYSeries rawVisible = visibleSlice(xs, ys, options);
    const XYSeries raw = envelopeDecimate(rawVisible.x, rawVisible.y, options.pixels);
    if (smooth) {
      // Smooth every point first; only then cut to the visible span and the pixels.
      const XYSeries all{xs, smoothDebiased(ys, options.smoothing)};
      const XYSeries visible = visibleSlice(all.x, all.y, options);
      // A trend line: one mean point per pixel, so it stays a line (and its dashes show).
      const XYSeries smoothed = meanDecimate(visible.x, visible.y, options.pixels);
      addGraph(plot, raw, SeriesStyle::fadedPen(pen))->removeFromLegend();
      main = addGraph(plot, smoothed, pen);
      out.points += raw.x.size() + smoothed.x.size();
    } else {
      main = addGraph(plot, raw, pen);
      out.points += raw.x.size();
    }
    main->setName(groupLabel(key, seedsInGroup.value(groupId(key))));
    if (inLegend.contains(groupId(key))) {
      main->removeFromLegend();
    } else {
      inLegend.insert(groupId(key));
    }
    ++out.series;

    const BestPoint best = store.best(key);
    if (!best.valid || !std::isfinite(xs[best.index]) || (options.logY && best.point.value <= 0))
      continue;
    auto* tracer = new QCPItemTracer(plot);
    tracer->setStyle(QCPItemTracer::tsCircle);
    tracer->setSize(9);
    tracer->setPen(QPen(pen.color(), 2));
    tracer->setBrush(Qt::white);
    tracer->position->setCoords(xs[best.index], best.point.value);
    out.marks.push_back({key, best.point.step, xs[best.index], best.point.value, false});
    const QString group = groupId(key);
    const auto known = bestOfGroup.constFind(group);
    const bool higher = higherIsBetter(key.metric);
    if (known == bestOfGroup.cend() ||
        (higher ? best.point.value > out.marks[*known].value
                : best.point.value < out.marks[*known].value)) {
      bestOfGroup[group] = static_cast<int>(out.marks.size()) - 1;
      markStyle[group] = {SeriesStyle::colour(key.arm, targetIndex), tracer};
    }
  }
  // The worst of the group bests sits nearest its point, the better ones stack outwards: a
  // better point lies further out, so its label then clears the others.
  QStringList groups = bestOfGroup.keys();
  std::sort(groups.begin(), groups.end(), [&](const QString& a, const QString& b) {
    const BestMark& ma = out.marks[bestOfGroup.value(a)];
    const BestMark& mb = out.marks[bestOfGroup.value(b)];
    return higherIsBetter(ma.key.metric) ? ma.value < mb.value : ma.value > mb.value;
  });
  for (int row = 0; row < groups.size(); ++row) {
    BestMark& mark = out.marks[bestOfGroup.value(groups[row])];
    mark.labelled = true;
    const auto& style = markStyle.value(groups[row]);
    addBestLabel(plot, mark, style.second, style.first, out.xRange, row);
  }
  out.labelRows = static_cast<int>(groups.size());
  out.labelPixels = groups.isEmpty() ? 0 : kLabelGap + kLabelRow * groups.size() + 4;
  return out;
}

}  // namespace twb

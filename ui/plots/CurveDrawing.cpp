#include "plots/CurveDrawing.h"

#include <qcustomplot.h>

#include <QMap>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

#include "plots/EnvelopeBand.h"
#include "plots/SeriesStyle.h"

namespace twb {

namespace {

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

QCPGraph* addGraph(QCustomPlot* plot, const XYSeries& points, const QPen& pen) {
  QCPGraph* graph = plot->addGraph();
  graph->setPen(pen);
  graph->setLineStyle(QCPGraph::lsLine);
  graph->setAdaptiveSampling(false);  // the envelope already did what the pixels need
  graph->setData(points.x, points.y);
  return graph;
}

// The per-pixel min/max band of a dense series.
EnvelopeBand* addBand(QCustomPlot* plot, const Band& band, const QColor& colour, bool faint) {
  auto* plottable = new EnvelopeBand(plot->xAxis, plot->yAxis);
  plottable->removeFromLegend();
  QColor fill = colour;
  fill.setAlpha(faint ? 40 : 70);
  QColor edge = colour;
  edge.setAlpha(faint ? 70 : 120);
  plottable->setBrush(fill);
  plottable->setPen(QPen(edge, 1));
  plottable->setBand(band);
  return plottable;
}

// `ceiling` is the best value over all labelled groups: labels stack beyond it, so none
// covers another group's marker.
void addBestLabel(QCustomPlot* plot, const BestMark& mark, double ceiling, const QColor& colour,
                  const YRange& xRange, int row) {
  auto* anchor = new QCPItemTracer(plot);
  anchor->setStyle(QCPItemTracer::tsNone);
  anchor->position->setCoords(mark.x, ceiling);
  auto* label = new QCPItemText(plot);
  label->position->setParentAnchor(anchor->position);
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

DrawnCurves drawCurves(QCustomPlot* plot, const CurveStore& store, const CurveOptions& options,
                       CurveCache* cache) {
  CurveCache scratch;
  if (!cache) cache = &scratch;
  plot->clearPlottables();
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

  QMap<QString, int> bestOfGroup;     // group -> index into out.marks
  QMap<QString, QColor> labelColour;  // group -> its label's colour
  QSet<QString> inLegend;
  cache->keepOnly(keys);
  for (const SeriesKey& key : keys) {
    const PreparedSeries& prepared = cache->get(store, key, options);
    if (!prepared.xRange.valid) continue;
    out.xRange = unite(out.xRange, prepared.xRange);
    out.yRange = unite(out.yRange, prepared.yRange);

    const int targetIndex = static_cast<int>(targets.indexOf(key.target));
    const int seedIndex = static_cast<int>(seeds.indexOf(key.seed));
    const bool smooth = options.smoothing > 0;
    // Width 1 for dense lines, smoothed or not: Qt has a fast path only for lines of at most one
    // pixel and strokes wider jagged ones about 100 times slower (bench_plot: 20 runs of 200,000
    // points replot in about 8 ms at 1 px, 60 ms at 2 px). The band beneath keeps them visible.
    const double width = prepared.dense ? 1.0 : (smooth ? 2.0 : 1.5);
    const QPen pen = SeriesStyle::pen(key.arm, targetIndex, seedIndex, width);
    // More points than pixels: the raw curve is its min/max band (spikes kept) under a line of
    // one mean point per pixel, which stays a line whose dashes show.
    if (prepared.dense) {
      addBand(plot, prepared.band, pen.color(), smooth);
      out.points += 2 * prepared.band.x.size();
    } else if (smooth) {
      addGraph(plot, prepared.raw, SeriesStyle::fadedPen(pen))->removeFromLegend();
      out.points += prepared.raw.x.size();
    }
    QCPGraph* main = addGraph(plot, prepared.line, pen);
    out.points += prepared.line.x.size();
    main->setName(groupLabel(key, seedsInGroup.value(groupId(key))));
    if (inLegend.contains(groupId(key))) {
      main->removeFromLegend();
    } else {
      inLegend.insert(groupId(key));
    }
    ++out.series;

    const BestPoint& best = prepared.best;
    if (!best.valid) continue;
    auto* tracer = new QCPItemTracer(plot);
    tracer->setStyle(QCPItemTracer::tsCircle);
    tracer->setSize(9);
    tracer->setPen(QPen(pen.color(), 2));
    tracer->setBrush(Qt::white);
    tracer->position->setCoords(prepared.bestX, best.point.value);
    out.marks.push_back({key, best.point.step, prepared.bestX, best.point.value, false});
    const QString group = groupId(key);
    const auto known = bestOfGroup.constFind(group);
    const bool higher = higherIsBetter(key.metric);
    if (known == bestOfGroup.cend() || (higher ? best.point.value > out.marks[*known].value
                                               : best.point.value < out.marks[*known].value)) {
      bestOfGroup[group] = static_cast<int>(out.marks.size()) - 1;
      labelColour[group] = SeriesStyle::colour(key.arm, targetIndex);
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
  const double ceiling = groups.isEmpty() ? 0 : out.marks[bestOfGroup.value(groups.back())].value;
  for (int row = 0; row < groups.size(); ++row) {
    BestMark& mark = out.marks[bestOfGroup.value(groups[row])];
    mark.labelled = true;
    addBestLabel(plot, mark, ceiling, labelColour.value(groups[row]), out.xRange, row);
  }
  out.labelRows = static_cast<int>(groups.size());
  out.labelPixels = groups.isEmpty() ? 0 : kLabelGap + kLabelRow * groups.size() + 4;
  return out;
}

}  // namespace twb

#include "plots/SeriesStyle.h"

#include <QVector>

#include "common/Vocabulary.h"

namespace twb {

QColor SeriesStyle::colour(const QString& arm, int targetIndex) {
  // (baseline, transfer) pairs, one per target, cycling after four targets.
  static const QVector<QPair<QColor, QColor>> pairs = {
      {palette::kBlue, palette::kVermillion},
      {palette::kGreen, palette::kOrange},
      {palette::kSkyBlue, palette::kPurple},
      {palette::kGrey, palette::kYellow},
  };
  if (arm.isEmpty()) return palette::kGrey;
  const auto& pair = pairs[qMax(0, targetIndex) % pairs.size()];
  return vocab::is(arm, vocab::Arm::Transfer) ? pair.second : pair.first;
}

Qt::PenStyle SeriesStyle::lineStyle(const QString& arm) {
  if (arm.isEmpty()) return Qt::DashDotLine;
  return vocab::is(arm, vocab::Arm::Transfer) ? Qt::DashLine : Qt::SolidLine;
}

QPen SeriesStyle::pen(const QString& arm, int targetIndex, int seedIndex, double width) {
  QColor c = colour(arm, targetIndex);
  // Later seeds a little lighter, never so light they vanish.
  if (seedIndex > 0) c = c.lighter(100 + 18 * qMin(seedIndex, 4));
  QPen p(c, width, lineStyle(arm));
  p.setCapStyle(Qt::FlatCap);
  // Bevel, not round: at 2 px the joins look the same, and Qt strokes a 1,000-point line with
  // round joins at about twice the cost (bench_plot: 20 smoothed curves, 114 -> 56 ms a replot).
  p.setJoinStyle(Qt::BevelJoin);
  return p;
}

QPen SeriesStyle::fadedPen(const QPen& pen) {
  QPen faded = pen;
  QColor c = pen.color();
  c.setAlpha(55);
  faded.setColor(c);
  faded.setWidthF(1.0);
  faded.setStyle(Qt::SolidLine);  // dashes of a noisy raw curve only add noise
  return faded;
}

}  // namespace twb

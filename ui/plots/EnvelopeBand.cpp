#include "plots/EnvelopeBand.h"

#include <QImage>
#include <algorithm>
#include <cmath>

namespace twb {

namespace {

constexpr double kFarPixels = 1e5;  // keeps wild coordinates (log of tiny values) drawable

bool inDomain(double v, QCP::SignDomain domain) {
  if (!std::isfinite(v)) return false;
  if (domain == QCP::sdPositive) return v > 0;
  if (domain == QCP::sdNegative) return v < 0;
  return true;
}

QPointF clamped(const QPointF& p) {
  return {std::clamp(p.x(), -kFarPixels, kFarPixels), std::clamp(p.y(), -kFarPixels, kFarPixels)};
}

}  // namespace

EnvelopeBand::EnvelopeBand(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis) {
  setSelectable(QCP::stNone);
}

void EnvelopeBand::setBand(const Band& band) { band_ = band; }

double EnvelopeBand::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

QCPRange EnvelopeBand::getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain) const {
  QCPRange range;
  foundRange = false;
  for (double x : band_.x) {
    if (!inDomain(x, inSignDomain)) continue;
    range =
        foundRange ? QCPRange(std::min(range.lower, x), std::max(range.upper, x)) : QCPRange(x, x);
    foundRange = true;
  }
  return range;
}

QCPRange EnvelopeBand::getValueRange(bool& foundRange, QCP::SignDomain inSignDomain,
                                     const QCPRange& inKeyRange) const {
  QCPRange range;
  foundRange = false;
  const bool restrictKeys = inKeyRange != QCPRange();
  for (int i = 0; i < band_.x.size(); ++i) {
    if (restrictKeys && !inKeyRange.contains(band_.x[i])) continue;
    for (double v : {band_.lower[i], band_.upper[i]}) {
      if (!inDomain(v, inSignDomain)) continue;
      range = foundRange ? QCPRange(std::min(range.lower, v), std::max(range.upper, v))
                         : QCPRange(v, v);
      foundRange = true;
    }
  }
  return range;
}

void EnvelopeBand::draw(QCPPainter* painter) {
  if (!mKeyAxis || !mValueAxis || band_.x.isEmpty()) return;
  // Pixel edges of the entries in view, plus one on each side so the band runs off the edge.
  const QRect clip = clipRect();
  QVector<QPointF> upper;
  QVector<QPointF> lower;
  upper.reserve(band_.x.size());
  lower.reserve(band_.x.size());
  const int n = static_cast<int>(band_.x.size());
  for (int i = 0; i < n; ++i) {
    const QPointF top = coordsToPixels(band_.x[i], band_.upper[i]);
    const QPointF bottom = coordsToPixels(band_.x[i], band_.lower[i]);
    if (!std::isfinite(top.x()) || !std::isfinite(top.y()) || !std::isfinite(bottom.y())) continue;
    const bool beforeView = i + 1 < n && coordsToPixels(band_.x[i + 1], 0).x() < clip.left();
    const bool afterView = i > 0 && coordsToPixels(band_.x[i - 1], 0).x() > clip.right();
    if (beforeView || afterView) continue;
    upper.push_back(clamped(top));
    lower.push_back(clamped(bottom));
  }
  if (upper.isEmpty()) return;

  if (painter->modes().testFlag(QCPPainter::pmVectorized)) {
    // PDF and SVG: one polygon, exact at any zoom.
    QPolygonF polygon(upper);
    for (int i = static_cast<int>(lower.size()) - 1; i >= 0; --i) polygon << lower[i];
    applyFillAntialiasingHint(painter);
    painter->setPen(Qt::NoPen);
    painter->setBrush(mBrush);
    painter->drawPolygon(polygon);
  } else {
    drawRasterFill(painter, upper, lower, clip);
  }
  if (mPen.style() == Qt::NoPen) return;
  applyDefaultAntialiasingHint(painter);
  painter->setBrush(Qt::NoBrush);
  painter->setPen(mPen);
  painter->drawPolyline(upper.constData(), static_cast<int>(upper.size()));
  painter->drawPolyline(lower.constData(), static_cast<int>(lower.size()));
}

void EnvelopeBand::drawRasterFill(QCPPainter* painter, const QVector<QPointF>& upper,
                                  const QVector<QPointF>& lower, const QRect& clip) const {
  // Qt's raster engine fills a long jagged polygon slowly and hands every large span batch to
  // its thread pool, which thrashes while training keeps the cores busy. The band is simple
  // enough to paint column by column into an image, then blend that image once.
  QRectF bounds;
  for (int i = 0; i < upper.size(); ++i) {
    bounds |= QRectF(upper[i], lower[i]).normalized().adjusted(0, 0, 1, 1);
  }
  const QRect area = bounds.toAlignedRect() & clip;
  if (area.isEmpty()) return;
  const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
  QImage image((QSizeF(area.size()) * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  const QRgb colour = qPremultiply(mBrush.color().rgba());
  const int width = image.width();
  const int height = image.height();
  uchar* bits = image.bits();  // once: scanLine() would check for a detach on every pixel
  const qsizetype stride = image.bytesPerLine();
  auto toImage = [&](const QPointF& p) { return (p - QPointF(area.topLeft())) * ratio; };
  auto fillColumn = [&](int column, double top, double bottom) {
    if (column < 0 || column >= width) return;
    const int from = std::max(0, static_cast<int>(std::floor(std::min(top, bottom))));
    const int to = std::min(height - 1, static_cast<int>(std::ceil(std::max(top, bottom))));
    for (int row = from; row <= to; ++row) {
      reinterpret_cast<QRgb*>(bits + row * stride)[column] = colour;
    }
  };
  for (int i = 0; i < upper.size(); ++i) {
    const QPointF top = toImage(upper[i]);
    const QPointF bottom = toImage(lower[i]);
    if (i + 1 == upper.size()) {
      fillColumn(static_cast<int>(std::floor(top.x())), top.y(), bottom.y());
      break;
    }
    // Between two entries the edges run straight, as a polygon's would.
    const QPointF nextTop = toImage(upper[i + 1]);
    const QPointF nextBottom = toImage(lower[i + 1]);
    const int first = static_cast<int>(std::floor(top.x()));
    const int last = std::max(first, static_cast<int>(std::floor(nextTop.x())) - 1);
    const double span = nextTop.x() - top.x();
    for (int column = first; column <= last; ++column) {
      const double t = span > 0 ? std::clamp((column - top.x()) / span, 0.0, 1.0) : 0.0;
      fillColumn(column, top.y() + t * (nextTop.y() - top.y()),
                 bottom.y() + t * (nextBottom.y() - bottom.y()));
    }
  }
  image.setDevicePixelRatio(ratio);
  painter->drawImage(area.topLeft(), image);
}

void EnvelopeBand::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const {
  painter->setPen(mPen);
  painter->setBrush(mBrush);
  painter->drawRect(rect.adjusted(0, rect.height() / 4, 0, -rect.height() / 4));
}

}  // namespace twb

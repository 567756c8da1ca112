// EnvelopeBand: a QCustomPlot plottable that fills a per-pixel min/max band cheaply.
#pragma once

#include <qcustomplot.h>

#include "plots/SeriesMath.h"

namespace twb {

// Draws a Band (SeriesMath's envelopeBand) as a filled area with a thin outline along its
// upper and lower edges (so a one-pixel spike still shows). On screen the fill is painted
// column by column into an image (fast with dozens of bands); PDF and SVG get one polygon.
// Not selectable; leave it out of the legend.
class EnvelopeBand : public QCPAbstractPlottable {
  Q_OBJECT
 public:
  EnvelopeBand(QCPAxis* keyAxis, QCPAxis* valueAxis);

  void setBand(const Band& band);
  const Band& band() const { return band_; }
  int dataCount() const { return static_cast<int>(band_.x.size()); }

  double selectTest(const QPointF& pos, bool onlySelectable,
                    QVariant* details = nullptr) const override;
  QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
  QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                         const QCPRange& inKeyRange = QCPRange()) const override;

 protected:
  void draw(QCPPainter* painter) override;
  void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

 private:
  void drawRasterFill(QCPPainter* painter, const QVector<QPointF>& upper,
                      const QVector<QPointF>& lower, const QRect& clip) const;

  Band band_;
};

}  // namespace twb

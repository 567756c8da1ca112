// SeriesStyle: colour-blind-safe colours and line styles shared by the plots (Okabe-Ito palette).
#pragma once

#include <QColor>
#include <QPen>
#include <QString>
#include <QStringList>

namespace twb {

// Okabe & Ito's palette, readable with every common colour-vision deficiency.
namespace palette {
inline const QColor kBlue{0x00, 0x72, 0xB2};
inline const QColor kOrange{0xE6, 0x9F, 0x00};
inline const QColor kVermillion{0xD5, 0x5E, 0x00};
inline const QColor kGreen{0x00, 0x9E, 0x73};
inline const QColor kSkyBlue{0x56, 0xB4, 0xE9};
inline const QColor kPurple{0xCC, 0x79, 0xA7};
inline const QColor kYellow{0xB8, 0xA2, 0x00};  // darkened so it reads on white
inline const QColor kGrey{0x55, 0x55, 0x55};
}  // namespace palette

// Baseline and transfer of the same target get a contrasting pair of colours; a shared stage
// (no arm) is grey. The line style carries the arm as well, so colour is never the only cue:
// baseline solid, transfer dashed, shared stages dash-dotted. Seeds of one group share colour and
// style and differ in shade.
class SeriesStyle {
 public:
  // `targetIndex` is the target's position among the targets drawn.
  static QColor colour(const QString& arm, int targetIndex);
  static Qt::PenStyle lineStyle(const QString& arm);
  // The pen of one seed's curve: `seedIndex` is its position among the group's seeds.
  static QPen pen(const QString& arm, int targetIndex, int seedIndex, double width);
  // The same pen, faded, for the raw curve under a smoothed one.
  static QPen fadedPen(const QPen& pen);
};

}  // namespace twb

#include "plots/PlotNote.h"

#include <qcustomplot.h>

namespace twb {

QCPItemText* addCentredNote(QCustomPlot* plot, const QString& text) {
  auto* note = new QCPItemText(plot);
  note->position->setType(QCPItemPosition::ptAxisRectRatio);
  note->position->setCoords(0.5, 0.5);
  note->setPositionAlignment(Qt::AlignCenter);
  note->setTextAlignment(Qt::AlignCenter);
  note->setColor(QColor(0x70, 0x70, 0x70));
  note->setText(text);
  note->setBrush(QColor(255, 255, 255, 235));  // legible over grid and zero lines
  note->setPadding(QMargins(10, 6, 10, 6));
  note->setObjectName(QStringLiteral("note"));
  return note;
}

}  // namespace twb

// PlotNote: a grey message in the middle of an empty plot ("no points yet", "arrives later").
#pragma once

#include <QString>

class QCustomPlot;
class QCPItemText;

namespace twb {

// Adds the note as an item of `plot` (cleared with the plot's other items).
QCPItemText* addCentredNote(QCustomPlot* plot, const QString& text);

}  // namespace twb

// PlotExport: saves any QCustomPlot as PNG, PDF or SVG, with a readable error on failure.
#pragma once

#include <QString>

class QCustomPlot;

namespace twb {

// Each returns an empty string on success, else a sentence for the user naming the file.
// width/height 0 use the plot's current size; a plot that was never shown gets 800 x 500.
namespace PlotExport {

// `scale` multiplies the pixels (2 for a high-DPI picture of the same layout).
QString savePng(QCustomPlot* plot, const QString& path, int width = 0, int height = 0,
                double scale = 1.0);
QString savePdf(QCustomPlot* plot, const QString& path, int width = 0, int height = 0);
QString saveSvg(QCustomPlot* plot, const QString& path, int width = 0, int height = 0);
// Picks the format by the suffix: .png, .pdf or .svg (any case).
QString save(QCustomPlot* plot, const QString& path, int width = 0, int height = 0);
// The file dialog's filter: "PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)".
QString fileFilter();

}  // namespace PlotExport
}  // namespace twb

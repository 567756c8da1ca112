#include "export/PlotExport.h"

#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>

namespace twb::PlotExport {

namespace {

QSize exportSize(const QCustomPlot* plot, int width, int height) {
  // An unshown widget reports its default size; fall back to a sensible page-ish size.
  const bool shown = plot->isVisible() || plot->testAttribute(Qt::WA_Resized);
  const int w = width > 0 ? width : (shown ? plot->width() : 800);
  const int h = height > 0 ? height : (shown ? plot->height() : 500);
  return {w, h};
}

// Why a file cannot be written, before QCustomPlot's bare "false" would say nothing.
QString checkWritable(const QCustomPlot* plot, const QString& path) {
  if (!plot) return QObject::tr("There is no plot to save.");
  if (path.isEmpty()) return QObject::tr("No file name was given.");
  const QFileInfo info(path);
  const QDir dir = info.absoluteDir();
  if (!dir.exists()) {
    return QObject::tr("Cannot save %1: the folder %2 does not exist.")
        .arg(info.fileName(), QDir::toNativeSeparators(dir.absolutePath()));
  }
  if (info.exists() && info.isDir()) {
    return QObject::tr("Cannot save %1: it is a folder.").arg(QDir::toNativeSeparators(path));
  }
  return {};
}

QString failed(const QString& path, const QString& kind) {
  return QObject::tr(
             "Could not write the %1 file %2 (check the folder's permissions and the "
             "free space).")
      .arg(kind, QDir::toNativeSeparators(path));
}

bool nonEmptyFile(const QString& path) {
  const QFileInfo info(path);
  return info.exists() && info.size() > 0;
}

}  // namespace

QString savePng(QCustomPlot* plot, const QString& path, int width, int height, double scale) {
  if (QString e = checkWritable(plot, path); !e.isEmpty()) return e;
  const QSize size = exportSize(plot, width, height);
  if (!plot->savePng(path, size.width(), size.height(), scale) || !nonEmptyFile(path)) {
    return failed(path, QStringLiteral("PNG"));
  }
  return {};
}

QString savePdf(QCustomPlot* plot, const QString& path, int width, int height) {
  if (QString e = checkWritable(plot, path); !e.isEmpty()) return e;
  const QSize size = exportSize(plot, width, height);
  // No cosmetic pens: line widths stay true when the PDF is zoomed.
  if (!plot->savePdf(path, size.width(), size.height(), QCP::epNoCosmetic,
                     QStringLiteral("Transfer Workbench")) ||
      !nonEmptyFile(path)) {
    return failed(path, QStringLiteral("PDF"));
  }
  return {};
}

QString saveSvg(QCustomPlot* plot, const QString& path, int width, int height) {
  if (QString e = checkWritable(plot, path); !e.isEmpty()) return e;
  const QSize size = exportSize(plot, width, height);
  // Written beside the target and renamed into place: a failure leaves no half file.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return QObject::tr("Could not open %1 for writing: %2")
        .arg(QDir::toNativeSeparators(path), file.errorString());
  }
  QSvgGenerator svg;
  svg.setOutputDevice(&file);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(QFileInfo(path).completeBaseName());
  svg.setDescription(QStringLiteral("Transfer Workbench plot"));
  QCPPainter painter;
  if (!painter.begin(&svg)) return failed(path, QStringLiteral("SVG"));
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  painter.setMode(QCPPainter::pmNonCosmetic);
  plot->toPainter(&painter, size.width(), size.height());
  painter.end();
  if (!file.commit()) {
    return QObject::tr("Could not write %1: %2")
        .arg(QDir::toNativeSeparators(path), file.errorString());
  }
  return {};
}

QString save(QCustomPlot* plot, const QString& path, int width, int height) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return savePng(plot, path, width, height);
  if (suffix == QLatin1String("pdf")) return savePdf(plot, path, width, height);
  if (suffix == QLatin1String("svg")) return saveSvg(plot, path, width, height);
  return QObject::tr("Cannot save %1: choose a name ending in .png, .pdf or .svg.")
      .arg(QFileInfo(path).fileName());
}

QString fileFilter() {
  return QObject::tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)");
}

}  // namespace twb::PlotExport

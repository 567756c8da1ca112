#include "setup/DatasetInfo.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include "data/Catalog.h"

namespace twb {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("twb::DatasetInfo", text); }

QString escaped(const QString& text) { return text.toHtmlEscaped(); }

QString fileInfo(const DatasetRef& dataset) {
  QStringList lines;
  lines << QStringLiteral("<b>%1</b>: %2").arg(escaped(dataset.name()), tr("your file"));
  lines << escaped(dataset.path);
  QStringList columns{tr("text: %1").arg(escaped(dataset.textColumn))};
  if (!dataset.pairColumn.isEmpty()) columns << tr("pair: %1").arg(escaped(dataset.pairColumn));
  columns << (dataset.scoreColumn.isEmpty() ? tr("label: %1").arg(escaped(dataset.labelColumn))
                                            : tr("score: %1").arg(escaped(dataset.scoreColumn)));
  lines << tr("Format: %1; columns %2")
               .arg(escaped(dataset.format.isEmpty() ? tr("from the name") : dataset.format),
                    columns.join(QStringLiteral(", ")));
  if (!dataset.labels.isEmpty())
    lines << tr("Labels: %1").arg(escaped(dataset.labels.join(QStringLiteral(", "))));
  if (!QFileInfo::exists(dataset.path)) lines << tr("<b>The file is missing.</b>");
  return lines.join(QStringLiteral("<br>"));
}

}  // namespace

QString datasetInfoHtml(const DatasetRef& dataset, const Catalog& catalog) {
  if (dataset.isFile()) return fileInfo(dataset);
  const std::optional<CatalogEntry> entry = Catalog::find(dataset.id);
  if (!entry) return tr("<b>%1</b>: not in the catalog").arg(escaped(dataset.id));
  const QLocale locale;
  QStringList lines;
  lines << QStringLiteral("<b>%1</b>: %2").arg(escaped(entry->id), escaped(entry->title));
  const std::optional<CacheMeta> meta = catalog.cacheMeta(entry->id);
  if (meta) {
    QStringList counts;
    for (const auto& [label, count] : meta->labelCounts)
      counts << QStringLiteral("%1 %2").arg(escaped(label), locale.toString(count));
    lines << tr("%1 examples on disk (%2)")
                 .arg(locale.toString(meta->count), counts.join(QStringLiteral(", ")));
  } else {
    lines << tr("About %1 examples; not on disk yet (tick it and press <i>Fetch</i>)")
                 .arg(locale.toString(entry->examples));
  }
  lines << tr("Labels: %1; language: %2; domain: %3; task: %4")
               .arg(escaped(entry->labels.join(QStringLiteral(", "))),
                    escaped(entry->languages.join(QStringLiteral(", "))), escaped(entry->domain),
                    escaped(entry->task));
  lines << tr("Licence: %1").arg(escaped(entry->licence));
  lines << tr("From: %1").arg(escaped(entry->origin));
  return lines.join(QStringLiteral("<br>"));
}

}  // namespace twb

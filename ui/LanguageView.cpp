#include "LanguageView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "plots/GainScatter.h"

namespace twb {

LanguageView::LanguageView(QWidget* parent)
    : QWidget(parent),
      distance_(new QComboBox(this)),
      metric_(new QComboBox(this)),
      measure_(new QComboBox(this)),
      stats_(new QLabel(this)),
      scatter_(new GainScatter(this)) {
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Distance from English:"), this));
  bar->addWidget(distance_);
  bar->addWidget(new QLabel(tr("Targets:"), this));
  bar->addWidget(metric_);
  bar->addWidget(new QLabel(tr("Show:"), this));
  bar->addWidget(measure_);
  bar->addWidget(stats_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(scatter_, 1);
  measure_->addItem(tr("gain Δ"), QStringLiteral("delta"));
  measure_->addItem(tr("transfer gap (English − language)"), QStringLiteral("gap"));
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  for (QComboBox* box : {distance_, metric_, measure_})
    connect(box, &QComboBox::currentIndexChanged, this, &LanguageView::redraw);
}

void LanguageView::setReport(const LanguageReport& report) {
  report_ = report;
  const QSignalBlocker a(distance_), b(metric_);
  distance_->clear();
  for (const QString& id : report.distanceIds) distance_->addItem(id, id);
  metric_->clear();
  QStringList metrics;
  for (const LanguagePoint& p : report.points)
    if (!metrics.contains(p.gain.metric)) metrics << p.gain.metric;
  for (const QString& m : metrics) metric_->addItem(m, m);
  redraw();
}

void LanguageView::showNote(const QString& note) {
  report_ = LanguageReport();
  distance_->clear();
  metric_->clear();
  stats_->setText(note);
  scatter_->setPoints({});
}

QString LanguageView::statistics() const { return stats_->text(); }

void LanguageView::redraw() {
  const QString distance = distance_->currentData().toString();
  const QString metric = metric_->currentData().toString();
  const QString measure = measure_->currentData().toString();
  QVector<ScatterPoint> points;
  for (const LanguagePoint& p : report_.points) {
    if (p.gain.metric != metric || !p.distance.count(distance)) continue;
    const double x = p.distance.at(distance);
    const double y = measure == QLatin1String("gap") ? p.gap : p.gain.delta.mean;
    if (std::isfinite(x) && std::isfinite(y)) points.push_back({p.language, x, y});
  }
  scatter_->setAxisLabels(tr("%1 distance from English").arg(distance),
                          measure == QLatin1String("gap") ? tr("transfer gap (%1)").arg(metric)
                                                          : tr("transfer gain Δ (%1)").arg(metric));
  scatter_->setPoints(points);
  stats_->clear();
  for (const DistanceCorrelation& c : report_.correlations)
    if (c.distance == distance && c.metric == metric && c.measure == measure)
      stats_->setText(tr("Pearson r = %1 (p %2), Spearman ρ = %3 (p %4), n = %5")
                          .arg(c.pearson.r, 0, 'f', 2)
                          .arg(c.pearson.p, 0, 'f', 3)
                          .arg(c.spearman.r, 0, 'f', 2)
                          .arg(c.spearman.p, 0, 'f', 3)
                          .arg(c.pearson.n));
  if (stats_->text().isEmpty() && !report_.notes.isEmpty()) stats_->setText(report_.notes.front());
}

}  // namespace twb

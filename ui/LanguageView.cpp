#include "LanguageView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

#include "plots/GainScatter.h"
#include "plots/LanguageScatterData.h"

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
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(stats_);  // a row of its own: the full width for the correlation line
  layout->addWidget(scatter_, 1);
  measure_->addItem(tr("gain Δ"), QStringLiteral("delta"));
  measure_->addItem(tr("transfer gap (English − language)"), QStringLiteral("gap"));
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // A long correlation line wraps instead of widening the whole window.
  stats_->setWordWrap(true);
  stats_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
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
    if (!metrics.contains(p.group)) metrics << p.group;
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
  const QString group = metric_->currentData().toString();
  const QString measure = measure_->currentData().toString();
  const QString metric = group.section(QLatin1Char('/'), 1);
  const DistanceCorrelation* shown = nullptr;
  for (const DistanceCorrelation& c : report_.correlations)
    if (c.distance == distance && c.group == group && c.measure == measure) shown = &c;
  scatter_->setAxisLabels(tr("%1 distance from English").arg(distance),
                          measure == QLatin1String("gap") ? tr("transfer gap (%1)").arg(metric)
                                                          : tr("transfer gain Δ (%1)").arg(metric));
  scatter_->setCorrelationLabel(shown ? correlationLabel(*shown) : QString());
  scatter_->setPoints(languageScatterPoints(report_, group, measure, distance));
  stats_->clear();
  if (shown) {
    QString text = tr("%1; Spearman ρ = %2 (p %3, Holm %4); Holm across %5 tests")
                       .arg(correlationLabel(*shown))
                       .arg(shown->spearman.r, 0, 'f', 2)
                       .arg(shown->spearman.p, 0, 'f', 3)
                       .arg(shown->spearmanHolm, 0, 'f', 3)
                       .arg(std::count_if(report_.correlations.begin(), report_.correlations.end(),
                                          [](const DistanceCorrelation& c) {
                                            return !std::isnan(c.pearson.p);
                                          }) *
                            2);
    if (std::isfinite(shown->partialR))
      text += tr("; partial r = %1 controlling for %2")
                  .arg(shown->partialR, 0, 'f', 2)
                  .arg(shown->controls.join(tr(" and ")));
    if (2 * shown->atChance > shown->pearson.n)
      text += tr(" — %1 of %2 languages are at chance: this describes noise")
                  .arg(shown->atChance)
                  .arg(shown->pearson.n);
    stats_->setText(text);
  }
  if (stats_->text().isEmpty() && !report_.notes.isEmpty()) stats_->setText(report_.notes.front());
}

}  // namespace twb

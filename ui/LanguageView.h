// LanguageView: Δ (or the transfer gap) against a chosen distance from English, per language.
#pragma once

#include <QWidget>

#include "experiment/LanguageReport.h"

class QComboBox;
class QLabel;

namespace twb {

class GainScatter;

class LanguageView : public QWidget {
  Q_OBJECT
 public:
  explicit LanguageView(QWidget* parent = nullptr);

  // Shows the report's languages; the chooser lists its distances and metrics.
  void setReport(const LanguageReport& report);
  // No language table or no language targets: says what to do instead of plotting.
  void showNote(const QString& note);

  GainScatter* scatter() const { return scatter_; }
  QComboBox* distanceChooser() const { return distance_; }
  // "r = -0.18 (p 0.32), rho = ..., n = 32" for what is shown.
  QString statistics() const;

 private:
  void redraw();

  LanguageReport report_;
  QComboBox* distance_;
  QComboBox* metric_;
  QComboBox* measure_;
  QLabel* stats_;
  GainScatter* scatter_;
};

}  // namespace twb

// ModelSection: the setup form's model group: family, size preset, resolved sizes, vocabulary.
#pragma once

#include <QGroupBox>

#include "config/ExperimentSpec.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace twb {

class ModelSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit ModelSection(QWidget* parent = nullptr);

  void load(const ModelSpec& model);
  // model with the form's family, size and vocabulary; the explicit sizes are kept.
  ModelSpec store(ModelSpec model) const;

 Q_SIGNALS:
  void changed();

 private:
  void showSizes();

  ModelSpec loaded_;  // for the sizes the form does not edit (layers, hidden, heads, ff)
  QComboBox* family_ = nullptr;
  QComboBox* size_ = nullptr;
  QLabel* sizes_ = nullptr;
  QSpinBox* vocab_ = nullptr;
};

}  // namespace twb

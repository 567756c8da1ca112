// TrainSection: the setup form's seeds, training budgets, precision and bucketing.
#pragma once

#include <QGroupBox>

#include "config/ExperimentSpec.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace twb {

class TrainSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit TrainSection(QWidget* parent = nullptr);

  void load(const ExperimentSpec& spec);
  // Writes the seeds, budgets, precision and bucketing into spec, keeping the fields the form does
  // not show. Throws InputError naming the key (protocol.seeds, train.lr) of a field that does not
  // parse.
  void store(ExperimentSpec& spec) const;

 Q_SIGNALS:
  void changed();

 private:
  void validate();

  QLineEdit* seeds_ = nullptr;
  QLineEdit* lr_ = nullptr;
  QSpinBox* batchSize_ = nullptr;
  QSpinBox* maxLen_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* earlyStopping_ = nullptr;
  QComboBox* precision_ = nullptr;
  QCheckBox* bucketing_ = nullptr;
  QLabel* problem_ = nullptr;
};

}  // namespace twb

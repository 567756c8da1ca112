// PretrainSection: the setup form's masked-LM pretraining group: text datasets and steps.
#pragma once

#include <QGroupBox>

#include "config/ExperimentSpec.h"

class QSpinBox;

namespace twb {

class Catalog;
class DatasetChecklist;

class PretrainSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit PretrainSection(QWidget* parent = nullptr);

  void load(const PretrainSpec& pretrain);
  // pretrain with the form's text and steps; batch size and rate are kept. Throws InputError
  // naming pretrain.text when steps are set without text.
  PretrainSpec store(PretrainSpec pretrain) const;

  DatasetChecklist* list() const { return list_; }

 Q_SIGNALS:
  void changed();

 private:
  DatasetChecklist* list_ = nullptr;
  QSpinBox* steps_ = nullptr;
};

}  // namespace twb

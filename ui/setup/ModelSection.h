// ModelSection: the setup form's model group: where the weights start from (scratch or a
// pretrained checkpoint), and from scratch the family, size preset and vocabulary.
#pragma once

#include <QGroupBox>

#include "config/ExperimentSpec.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace twb {

class ModelDownload;
class ModelPicker;

// With a pretrained checkpoint chosen the size rows are hidden (its config.json sets them) and
// the family is shown read-only as the checkpoint's; a Hub model adds its cache status and a
// Download button.
class ModelSection : public QGroupBox {
  Q_OBJECT
 public:
  explicit ModelSection(QWidget* parent = nullptr);

  void load(const ModelSpec& model);
  // model with the form's choice. From scratch: the form's family, size and vocabulary, the
  // explicit sizes kept. From a checkpoint: model.from and no sizes, and arch only when the
  // loaded experiment gave one for the same checkpoint. Throws InputError ("model.from: ...")
  // while a Hub repository or checkpoint folder is missing or malformed.
  ModelSpec store(ModelSpec model) const;

 Q_SIGNALS:
  void changed();

 private:
  ModelSpec scratchSpec(ModelSpec model) const;
  void showSizes();
  void showChoice();  // rows, description, cache status and family for the start choice
  QString checkpointFamily() const;

  ModelSpec loaded_;  // for the sizes the form does not edit (layers, hidden, heads, ff)
  ModelPicker* picker_ = nullptr;
  QLabel* details_ = nullptr;
  ModelDownload* download_ = nullptr;
  QWidget* checkpointBox_ = nullptr;  // shown for a pretrained start
  QLabel* checkpoint_ = nullptr;      // the checkpoint's family, read-only
  QWidget* scratchBox_ = nullptr;     // family, size and vocabulary: shown for scratch
  QComboBox* family_ = nullptr;
  QComboBox* size_ = nullptr;
  QLabel* sizes_ = nullptr;
  QSpinBox* vocab_ = nullptr;
};

}  // namespace twb

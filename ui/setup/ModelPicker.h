// ModelPicker: the model section's "Start from" choice (scratch, a catalog model, a Hub
// repository or a checkpoint folder), read and written as model.from.
#pragma once

#include <QWidget>
#include <optional>

#include "config/ExperimentSpec.h"

class QComboBox;
class QLineEdit;
class QPushButton;

namespace twb {

// What the picker shows, as an experiment writes it.
struct PickedModel {
  QString from;  // model.from: "scratch", a catalog id, "hf:ORG/NAME[@REV]" or a folder
  ModelSource source;
};

// A combo box of the choices, with a line edit for a Hub repository or a checkpoint folder
// (and a Choose… button with a folder dialog) under it when one of those is chosen. Each
// catalog entry's tooltip gives its languages, parameters, download size and licence.
class ModelPicker : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPicker(QWidget* parent = nullptr);

  // Selects the entry model.from names; does not emit changed().
  void load(const ModelSpec& model);
  // The choice as model.from and its source; a source equal to the loaded one keeps the loaded
  // text (a relative folder stays relative). Throws InputError starting "model.from:" while a
  // Hub repository or a folder is chosen but missing or malformed.
  PickedModel picked() const;
  bool isScratch() const;
  std::optional<CatalogModel> catalogModel() const;  // when a catalog entry is chosen
  // The folder chosen when it holds a config.json; empty otherwise.
  QString checkpointFolder() const;
  // What is wrong with the choice, in words; empty when it is complete.
  QString problem() const;
  // A line or two about the choice: a catalog model's languages, parameters, download size,
  // licence and description; what a Hub repository or a folder must hold; or the problem.
  QString description() const;

 Q_SIGNALS:
  void changed();  // any edit by the user

 private:
  QString key() const;                        // the chosen entry's data
  PickedModel resolve(QString* error) const;  // *error: what is wrong, empty when complete
  void onActivated();
  void chooseFolder();
  void showChoice();  // the line edit that goes with the entry

  ModelSpec loaded_;
  int previous_ = 0;  // the entry to go back to when a folder dialog is cancelled
  QComboBox* from_ = nullptr;
  QLineEdit* repo_ = nullptr;
  QWidget* folderRow_ = nullptr;
  QLineEdit* folder_ = nullptr;
  QPushButton* choose_ = nullptr;
};

}  // namespace twb

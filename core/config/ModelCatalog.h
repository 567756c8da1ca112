// ModelCatalog: the pretrained encoders the workbench offers by name, with Hub repos and sizes.
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace twb {

struct CatalogModel {
  QString id;         // what a YAML file's model.from names: "xlm-roberta-base"
  QString repo;       // Hugging Face Hub repository
  QString modelType;  // config.json's model_type
  QString languages;  // "English", "104 languages", ...
  qint64 parameters = 0;
  qint64 downloadBytes = 0;  // model.safetensors, about
  QString licence;
  QString description;
};

const QList<CatalogModel>& modelCatalog();
std::optional<CatalogModel> findCatalogModel(const QString& id);

// Where a model's weights come from, as model.from says it.
struct ModelSource {
  enum Kind { Scratch, Hub, Folder } kind = Scratch;
  QString repo;      // Hub: "FacebookAI/xlm-roberta-base"
  QString revision;  // Hub: "main" unless "@REV" is given
  QString folder;    // Folder: absolute path
};

// "scratch"; a catalog id; "hf:ORG/NAME[@REV]"; or a checkpoint folder (relative paths from
// baseDir). Returns an error message in *error (empty when it parsed).
ModelSource parseModelSource(const QString& from, const QString& baseDir, QString* error);

}  // namespace twb

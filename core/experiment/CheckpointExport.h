// CheckpointExport: a stage checkpoint of an experiment written out as a Hugging Face folder.
#pragma once

#include <QString>
#include <QStringList>

#include "models/Safetensors.h"

namespace twb {

struct ExportedModel {
  QString folder;
  QString architecture;  // the class config.json names, e.g. "BertForSequenceClassification"
  QStringList files;     // written into folder
  QStringList notes;     // what a user of the folder should know
};

// The checkpoint file of one stage of one seed of an experiment stored beside dbPath.
QString stageCheckpointPath(const QString& dbPath, qint64 experimentId, int seed,
                            const QString& stage);

// Writes checkpointFile (a pretrain or intermediate stage, with the head it was trained with)
// as config.json + model.safetensors + the tokenizer files into outDir, keyed and configured
// as the original library reads them. Throws InputError naming the file when it is not a stage
// checkpoint of this version, RunError when outDir cannot be written.
ExportedModel exportCheckpointAsHf(const QString& checkpointFile, const QString& outDir);

}  // namespace twb

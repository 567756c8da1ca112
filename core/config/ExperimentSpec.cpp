#include "config/ExperimentSpec.h"

#include <QFileInfo>

namespace twb {

QString datasetFormatFromSuffix(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
    return QStringLiteral("tsv");
  if (suffix == QLatin1String("csv")) return QStringLiteral("csv");
  if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
    return QStringLiteral("jsonl");
  return QString();
}

int pretrainBatchSize(const ExperimentSpec& spec) {
  return spec.pretrain.batchSize > 0 ? spec.pretrain.batchSize : spec.train.batchSize;
}

int taskEpochs(const TaskSpec& task, const TrainSpec& train) {
  return task.epochs > 0 ? task.epochs : train.epochs;
}

QString DatasetRef::name() const { return isFile() ? QFileInfo(path).completeBaseName() : id; }

QString TargetSpec::name() const {
  // Pair classification on a parallel corpus is a different target from retrieval on it.
  const QString base = task == QLatin1String("translation-pair")
                           ? dataset.name() + QStringLiteral(":pairs")
                           : dataset.name();
  if (!domain.isEmpty()) return base + QLatin1Char('/') + domain;
  if (!dataset.language.isEmpty() && !base.endsWith(dataset.language))
    return base + QLatin1Char('/') + dataset.language;
  return base;
}

}  // namespace twb

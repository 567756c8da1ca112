// PretrainedModel: fetching or finding the checkpoint an experiment starts from.
#include "experiment/PretrainedModel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include "common/InputError.h"
#include "hub/HubFetch.h"
#include "models/Safetensors.h"

namespace twb {
namespace {

QString megabytes(qint64 bytes) {
  return QString::number(bytes / 1e6, 'f', 1) + QStringLiteral(" MB");
}

QString fetchFromHub(const ModelSource& source, TaskState& state, QString* commit) {
  HubFetchOptions options;
  options.revision = source.revision;
  options.log = [&](const QString& line) { state.log(QStringLiteral("hub: ") + line); };
  options.cancelled = [&] { return state.isCancelled(); };
  QElapsedTimer lastReport;
  lastReport.start();
  options.progress = [&](const HubProgress& p) {
    // A line every 5 s is enough for a log; the file's end is always reported.
    const bool fileDone = p.fileTotal >= 0 && p.fileDone >= p.fileTotal;
    if (!fileDone && lastReport.elapsed() < 5000) return;
    lastReport.restart();
    state.log(QStringLiteral("hub: %1 (%2 of %3): %4 of %5")
                  .arg(p.file)
                  .arg(p.fileIndex + 1)
                  .arg(p.fileCount)
                  .arg(megabytes(p.fileDone),
                       p.fileTotal >= 0 ? megabytes(p.fileTotal) : QStringLiteral("?")));
  };
  state.log(QStringLiteral("model: %1@%2 from the Hub (cached files are reused)")
                .arg(source.repo, source.revision));
  try {
    const HubFetchResult fetched = fetchHubModel(source.repo, options);
    state.log(QStringLiteral("model: %1 at commit %2").arg(source.repo, fetched.commit));
    *commit = fetched.commit;
    return fetched.snapshotDir;
  } catch (const RunError& error) {
    // The Hub unreachable (or a download broken) while a complete copy is cached: use it, as
    // the Hugging Face tools do, and say so.
    const QString cached = cachedSnapshot(source.repo, source.revision, options.settings);
    if (cached.isEmpty()) throw;
    state.log(QStringLiteral("hub: %1; using the cached copy in %2")
                  .arg(QString::fromUtf8(error.what()), cached));
    *commit = QFileInfo(cached).fileName();  // snapshots/<commit>
    return cached;
  }
}

}  // namespace

QString recordedHubCommit(const QString& checkpointDir) {
  for (const QFileInfo& file :
       QDir(checkpointDir).entryInfoList({QStringLiteral("*.safetensors")}, QDir::Files)) {
    const QString commit =
        readSafetensorsHeader(file.filePath()).metadata.value(QStringLiteral("hub_commit"));
    if (!commit.isEmpty()) return commit;
  }
  return {};
}

std::optional<PretrainedModel> resolvePretrained(const ExperimentSpec& spec, TaskState& state,
                                                 const QString& pinnedCommit) {
  ModelSource source = spec.model.source;
  if (source.kind == ModelSource::Scratch) return std::nullopt;
  if (!pinnedCommit.isEmpty() && source.kind == ModelSource::Hub) {
    state.log(QStringLiteral("model: resuming on commit %1, the one the experiment started from")
                  .arg(pinnedCommit));
    source.revision = pinnedCommit;
  }
  PretrainedModel model;
  model.folder =
      source.kind == ModelSource::Hub ? fetchFromHub(source, state, &model.commit) : source.folder;
  model.config = readHfConfig(model.folder);
  if (spec.model.archGiven && spec.model.arch != model.config.encoder.arch) {
    throw InputError(spec.sourcePath, 0, 0,
                     QStringLiteral("model.arch is '%1' but %2 is a %3 checkpoint (model_type "
                                    "'%4'); remove model.arch or fix it")
                         .arg(spec.model.arch, spec.model.from, model.config.encoder.arch,
                              model.config.modelType));
  }
  state.log(QStringLiteral("model: %1 checkpoint in %2 (%3 layers, hidden %4, vocabulary %5)")
                .arg(model.config.modelType, model.folder)
                .arg(model.config.encoder.layers)
                .arg(model.config.encoder.hidden)
                .arg(model.config.encoder.vocabSize));
  return model;
}

}  // namespace twb

// `twb models`: run a checkpoint folder on a JSON batch (checking a conversion), fetch from the
// Hub, list the model catalog.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <optional>

#include "Commands.h"
#include "ExperimentLookup.h"
#include "TerminalProgress.h"
#include "common/InputError.h"
#include "common/Vocabulary.h"
#include "config/ModelCatalog.h"
#include "experiment/CheckpointExport.h"
#include "hub/HubFetch.h"
#include "models/CheckpointRun.h"
#include "store/RunStore.h"

namespace twb::cli {
namespace {

const char* kUsage =
    "usage: twb models list [--json]\n"
    "       twb models fetch MODEL [--revision REV]\n"
    "       twb models run FOLDER --input FILE.json\n"
    "       twb models export EXPERIMENT OUT [--seed S] [--stage intermediate|pretrain] [--db "
    "PATH]\n"
    "list: the pretrained encoders the workbench offers by name (model.from in a YAML file).\n"
    "fetch: MODEL is a catalog name or a Hub repository (ORG/NAME); downloads config.json,\n"
    "model.safetensors and the tokenizer files into the Hugging Face cache (HF_HOME,\n"
    "HF_HUB_CACHE), resuming a broken download; HF_ENDPOINT and HF_TOKEN are honoured.\n"
    "run: FOLDER is a Hugging Face checkpoint (config.json, model.safetensors). FILE.json holds\n"
    "{\"input_ids\": [[...]], \"attention_mask\": [[...]], \"token_type_ids\": [[...]]}; the\n"
    "checkpoint runs with the head its config names and one JSON object is printed:\n"
    "last_hidden_state, hidden_states (every layer), pooler_output or sequence_summary, logits.\n"
    "export: writes an experiment's intermediate model (the encoder fine-tuned on the\n"
    "intermediate task, with its head and labels) or pretrained encoder of one seed as a Hugging\n"
    "Face folder OUT: config.json, model.safetensors and the tokenizer files.\n";

int runModel(const QStringList& args, QTextStream& out, QTextStream& err) {
  QCommandLineParser parser;
  parser.addOption({QStringLiteral("input"), QStringLiteral("batch file"), QStringLiteral("FILE")});
  parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("checkpoint folder"));
  if (!parser.parse(QStringList{QStringLiteral("twb")} + args) ||
      parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("input"))) {
    err << "twb models run: "
        << (parser.errorText().isEmpty() ? QStringLiteral("needs FOLDER and --input FILE.json")
                                         : parser.errorText())
        << "\n\n"
        << kUsage;
    return kBadInput;
  }
  const QJsonObject result =
      runHfCheckpoint(parser.positionalArguments().first(), parser.value(QStringLiteral("input")));
  out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
  return kOk;
}

int listModels(const QStringList& args, QTextStream& out) {
  const bool json = args.contains(QStringLiteral("--json"));
  QJsonArray rows;
  for (const CatalogModel& m : modelCatalog()) {
    if (json) {
      rows.append(QJsonObject{{QStringLiteral("id"), m.id},
                              {QStringLiteral("repo"), m.repo},
                              {QStringLiteral("model_type"), m.modelType},
                              {QStringLiteral("languages"), m.languages},
                              {QStringLiteral("parameters"), m.parameters},
                              {QStringLiteral("download_bytes"), m.downloadBytes},
                              {QStringLiteral("licence"), m.licence},
                              {QStringLiteral("description"), m.description}});
      continue;
    }
    out << QStringLiteral("%1  %2M parameters, ~%3 MB, %4, %5\n    %6 (hf:%7)\n")
               .arg(m.id.leftJustified(30))
               .arg(m.parameters / 1'000'000)
               .arg(m.downloadBytes / 1'000'000)
               .arg(m.languages, m.licence, m.description, m.repo);
  }
  if (json) out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
  return kOk;
}

int fetchModel(const QStringList& args, QTextStream& out, QTextStream& err) {
  QCommandLineParser parser;
  parser.addOption({QStringLiteral("revision"), QStringLiteral("branch, tag or commit"),
                    QStringLiteral("REV"), QStringLiteral("main")});
  if (!parser.parse(QStringList{QStringLiteral("twb")} + args) ||
      parser.positionalArguments().size() != 1) {
    err << "twb models fetch: needs one MODEL (a catalog name or ORG/NAME)\n\n" << kUsage;
    return kBadInput;
  }
  const QString name = parser.positionalArguments().first();
  const auto known = findCatalogModel(name);
  HubFetchOptions options;
  options.revision = parser.value(QStringLiteral("revision"));
  options.log = [&](const QString& line) {
    err << "[hub] " << line << '\n';
    err.flush();
  };
  TerminalProgress progress(false);
  installCancelHandler();  // Ctrl-C stops the download; the partial file is resumed next time
  options.cancelled = [&] { return progress.isCancelled(); };
  options.progress = [&](const HubProgress& p) {
    const QString size =
        p.total > 0 ? QStringLiteral(" of %1 MB").arg(p.total / 1e6, 0, 'f', 1) : QString();
    err << QStringLiteral("\r%1 (%2/%3): %4 MB%5   ")
               .arg(p.file)
               .arg(p.fileIndex + 1)
               .arg(p.fileCount)
               .arg(p.done / 1e6, 0, 'f', 1)
               .arg(size);
    err.flush();
  };
  try {
    const HubFetchResult result = fetchHubModel(known ? known->repo : name, options);
    err << '\n';
    out << result.snapshotDir << '\n';
  } catch (const Cancelled&) {
    err << "\ntwb models fetch: stopped; run it again to resume\n";
    return kInterrupted;  // as an interrupted `twb run` (the help's exit statuses)
  }
  return kOk;
}

int exportModel(const QStringList& args, QTextStream& out, QTextStream& err) {
  QCommandLineParser parser;
  parser.addOption({QStringLiteral("seed"), QStringLiteral("seed"), QStringLiteral("S")});
  parser.addOption({QStringLiteral("stage"), QStringLiteral("intermediate or pretrain"),
                    QStringLiteral("STAGE"), vocab::name(vocab::Stage::Intermediate)});
  parser.addOption(
      {QStringLiteral("db"), QStringLiteral("SQLite run store"), QStringLiteral("PATH")});
  if (!parser.parse(QStringList{QStringLiteral("twb")} + args) ||
      parser.positionalArguments().size() != 2) {
    err << "twb models export: needs EXPERIMENT and OUT\n\n" << kUsage;
    return kBadInput;
  }
  const QString stage = parser.value(QStringLiteral("stage"));
  const std::optional<vocab::Stage> checkpointed = vocab::parse<vocab::Stage>(stage);
  if (checkpointed != vocab::Stage::Intermediate && checkpointed != vocab::Stage::Pretrain)
    throw InputError(QStringLiteral("--stage: '%1' has no checkpoint; use intermediate or "
                                    "pretrain")
                         .arg(stage));
  const QString dbPath = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                            : RunStore::defaultPath();
  if (!QFileInfo::exists(dbPath))
    throw InputError(dbPath, 0, 0, QStringLiteral("no such run store"));
  const RunStore store(dbPath);
  const qint64 id = resolveExperiment(store, parser.positionalArguments().first());
  std::optional<int> seed;
  if (parser.isSet(QStringLiteral("seed"))) {
    bool number = false;
    seed = parser.value(QStringLiteral("seed")).toInt(&number);
    if (!number) throw InputError(QStringLiteral("--seed: not a whole number"));
  } else {
    // The experiment's first seed that has this stage (0 is a seed like any other).
    for (const StageRecord& s : store.stages(id))
      if (s.name == stage && (!seed || s.seed < *seed)) seed = s.seed;
    if (!seed) throw InputError(QStringLiteral("experiment %1 has no %2 stage").arg(id).arg(stage));
  }
  const QString file = stageCheckpointPath(dbPath, id, *seed, stage);
  if (!QFileInfo::exists(file))
    throw InputError(file, 0, 0,
                     QStringLiteral("experiment %1 has no %2 checkpoint for seed %3 (a stage "
                                    "that did not run, or was not finished)")
                         .arg(id)
                         .arg(stage)
                         .arg(*seed));
  const ExportedModel exported = exportCheckpointAsHf(file, parser.positionalArguments().at(1));
  err << "twb: wrote " << exported.architecture << " (experiment " << id << ", seed " << *seed
      << ", " << stage << ") with " << exported.files.join(QStringLiteral(", ")) << "\n";
  for (const QString& note : exported.notes) err << "note: " << note << "\n";
  out << exported.folder << '\n';
  return kOk;
}

}  // namespace

int models(const QStringList& args) {
  QTextStream out(stdout);
  QTextStream err(stderr);
  if (args.isEmpty() || args.front() == QLatin1String("--help")) {
    (args.isEmpty() ? err : out) << kUsage;
    return args.isEmpty() ? kBadInput : kOk;
  }
  const QString action = args.front();
  try {
    if (action == QLatin1String("run")) return runModel(args.mid(1), out, err);
    if (action == QLatin1String("list")) return listModels(args.mid(1), out);
    if (action == QLatin1String("fetch")) return fetchModel(args.mid(1), out, err);
    if (action == QLatin1String("export")) return exportModel(args.mid(1), out, err);
  } catch (const InputError& e) {
    err << "twb: error: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    err << "twb models " << action << " failed: " << e.what() << "\n";
    return kRunFailed;
  }
  err << "twb models: unknown action '" << action << "'\n\n" << kUsage;
  return kBadInput;
}

}  // namespace twb::cli

// ExperimentSpec: an experiment as the user wrote it in YAML, as plain torch-free data.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "common/Vocabulary.h"
#include "config/ModelCatalog.h"

namespace twb {

// Where a dataset comes from: a catalog id ("uci-yelp") or a user's own file with named columns.
struct DatasetRef {
  QString id;      // catalog id; empty for a file
  QString path;    // absolute path of a user's file; empty for a catalog id
  QString format;  // "tsv", "csv" or "jsonl"; from the file's suffix unless given
  QString textColumn = QStringLiteral("text");
  QString pairColumn;  // empty: single texts
  QString labelColumn = QStringLiteral("label");
  QString scoreColumn;  // set for regression (similarity) tasks instead of a label
  QString language;     // ISO 639-1 code of the text, when known
  QStringList labels;   // declared label set; a label outside it is an error. Empty: inferred

  bool isFile() const { return !path.isEmpty(); }
  QString name() const;  // the id, or the file's base name
};

// The format a dataset file's name implies: "tsv", "csv", "jsonl", or "" when it cannot tell.
QString datasetFormatFromSuffix(const QString& path);

// Model family and size. Explicit sizes (> 0) override the preset.
struct ModelSpec {
  QString arch = vocab::name(vocab::Family::Bert);  // a vocab::Family name
  QString size = QStringLiteral("tiny");            // tiny | mini | small | base
  // scratch | a catalog model ("xlm-roberta-base") | hf:ORG/NAME[@REV] | a checkpoint folder
  QString from = QStringLiteral("scratch");
  ModelSource source;         // `from` resolved by the loader
  bool archGiven = false;     // arch was written: it must then match the checkpoint's
  bool dropoutGiven = false;  // dropout was written: it overrides a checkpoint's own
  int layers = 0;
  int hidden = 0;
  int heads = 0;
  int ff = 0;
  int vocabSize = 4000;  // sentencepiece vocabulary trained on the run's text
  double dropout = 0.1;
  bool pretrained() const { return source.kind != ModelSource::Scratch; }
};

// Masked-LM pretraining on raw text, run once per seed and shared by every run.
struct PretrainSpec {
  QList<DatasetRef> text;
  int steps = 0;
  int batchSize = 0;  // 0: the train batch size
  double lr = 5e-4;
  double alpha = 0.3;  // per-language sampling q ~ p^alpha over multilingual text (XLM-R)
  bool enabled() const { return steps > 0 && !text.isEmpty(); }
};

// The supervised task of a stage: classification of a text or pair, or similarity regression.
struct TaskSpec {
  DatasetRef dataset;
  // classification | sentiment | similarity (scores) | retrieval | translation-pair (the
  // last two on parallel corpora)
  QString task = QStringLiteral("classification");
  int epochs = 0;  // 0: the train section's value
};

// A target: another domain, or another language. For a language, `setting` says how it is
// trained: "target" fine-tunes on the language's own training split (the study's setting);
// "zero-shot" fine-tunes on the English `source` and only evaluates on the language (XTREME).
// Retrieval targets (parallel corpora) train nothing: the encoder's mean-pooled embeddings
// must find each English item's translation (Tatoeba).
struct TargetSpec : TaskSpec {
  QString domain;  // e.g. "restaurants": a domain-adaptation target
  // A vocab::Setting name.
  QString setting = vocab::name(vocab::Setting::Target);
  std::optional<DatasetRef> source;  // English training data for zero-shot
  QString name() const;              // "uci-yelp/restaurants", "udhr/de"
  QString language() const { return dataset.language; }
};

struct ProtocolSpec {
  double train = 0.70;
  double dev = 0.15;
  double test = 0.15;
  QList<int> seeds{1};
  // Before training, drop every training input (pretraining text, intermediate and target
  // training examples) that holds one of a target's test texts; off: only count them.
  bool decontaminate = true;
};

struct TrainSpec {
  double lr = 1e-4;
  int batchSize = 32;
  int maxLen = 128;
  int epochs = 3;
  int maxSteps = 0;       // 0: no limit beyond epochs
  int earlyStopping = 0;  // patience in evaluations; 0: off
  int evalEvery = 0;      // steps between dev evaluations; 0: once per epoch
  double warmup = 0.1;    // fraction of steps spent warming up
  double weightDecay = 0.01;
  double clipNorm = 1.0;
  int threads = 0;                             // 0: all cores
  QString precision = QStringLiteral("auto");  // auto, bf16 or fp32
  bool bucketing = true;                       // batches of similar length
};

// An experiment as written. Each key's type, default, rule and help are defined in
// config/SchemaFields.cpp; a default that is another key's value is resolved below, once.
struct ExperimentSpec {
  QString name;
  QString sourcePath;  // the YAML file, absolute
  QString yamlText;    // the file's text, stored with the experiment
  ModelSpec model;
  PretrainSpec pretrain;
  std::optional<TaskSpec> intermediate;
  QList<TargetSpec> targets;
  ProtocolSpec protocol;
  TrainSpec train;
};

// pretrain.batch_size, else train.batch_size.
int pretrainBatchSize(const ExperimentSpec& spec);
// The task's own epochs, else train.epochs.
int taskEpochs(const TaskSpec& task, const TrainSpec& train);

}  // namespace twb

// Tests of ExperimentLoader: a full experiment parsed, and every kind of rejected YAML located.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QtTest>

#include "common/InputError.h"
#include "common/InputFile.h"
#include "config/ExperimentLoader.h"
#include "config/Nearest.h"
#include "support/Fifo.h"
#include "support/TestSupport.h"

using twb::InputError;
using twb::parseExperiment;

namespace {

const char* kExample = R"(name: movies-to-products
model: {arch: bert, size: tiny, from: scratch}
pretrain: {text: [movies-reviews, uci-imdb], steps: 2000}
intermediate: {dataset: movies-sentences, task: classification, epochs: 3}
targets:
  - {dataset: uci-yelp, task: classification, domain: restaurants}
  - dataset: {path: hotels.tsv, text: review, label: stars}
    task: classification
    domain: hotels
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, 3]}
train: {lr: 1e-4, batch_size: 32, max_len: 128, epochs: 5, early_stopping: 2}
)";

// A valid experiment with one line replaced: the header below, then the given extra lines.
QString withLines(const QString& extra) {
  return QStringLiteral("name: x\nmodel: {arch: bert}\ntargets: [{dataset: uci-yelp}]\n") + extra;
}

// Parses text that must be rejected and returns the error.
InputError rejected(const QString& text) {
  try {
    parseExperiment(text, QStringLiteral("/experiments/e.yaml"));
  } catch (const InputError& error) {
    return error;
  }
  QTest::qFail("the YAML was accepted", __FILE__, __LINE__);
  return InputError(QString());
}

}  // namespace

class TestExperimentLoader : public QObject {
  Q_OBJECT

 private slots:
  void parsesTheIssueExample() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = twb::test::writeFile(dir, QStringLiteral("exp/movies.yaml"), kExample);
    const twb::ExperimentSpec spec = twb::loadExperiment(path);

    QCOMPARE(spec.name, QStringLiteral("movies-to-products"));
    QCOMPARE(spec.sourcePath, QFileInfo(path).absoluteFilePath());
    QCOMPARE(spec.yamlText, QString::fromUtf8(kExample));
    QCOMPARE(spec.model.arch, QStringLiteral("bert"));
    QCOMPARE(spec.model.size, QStringLiteral("tiny"));
    QCOMPARE(spec.model.from, QStringLiteral("scratch"));

    QCOMPARE(spec.pretrain.text.size(), 2);
    QCOMPARE(spec.pretrain.text[0].id, QStringLiteral("movies-reviews"));
    QCOMPARE(spec.pretrain.text[1].id, QStringLiteral("uci-imdb"));
    QCOMPARE(spec.pretrain.steps, 2000);
    QVERIFY(spec.pretrain.enabled());

    QVERIFY(spec.intermediate.has_value());
    QCOMPARE(spec.intermediate->dataset.id, QStringLiteral("movies-sentences"));
    QCOMPARE(spec.intermediate->task, QStringLiteral("classification"));
    QCOMPARE(spec.intermediate->epochs, 3);

    QCOMPARE(spec.targets.size(), 2);
    QCOMPARE(spec.targets[0].dataset.id, QStringLiteral("uci-yelp"));
    QCOMPARE(spec.targets[0].domain, QStringLiteral("restaurants"));
    QCOMPARE(spec.targets[0].name(), QStringLiteral("uci-yelp/restaurants"));
    const twb::DatasetRef& hotels = spec.targets[1].dataset;
    QVERIFY(hotels.isFile());
    QCOMPARE(hotels.path, QDir(dir.path()).filePath(QStringLiteral("exp/hotels.tsv")));
    QVERIFY(QFileInfo(hotels.path).isAbsolute());
    QCOMPARE(hotels.format, QStringLiteral("tsv"));
    QCOMPARE(hotels.textColumn, QStringLiteral("review"));
    QCOMPARE(hotels.labelColumn, QStringLiteral("stars"));
    QCOMPARE(spec.targets[1].domain, QStringLiteral("hotels"));
    QCOMPARE(spec.targets[1].task, QStringLiteral("classification"));

    QCOMPARE(spec.protocol.train, 0.7);
    QCOMPARE(spec.protocol.dev, 0.15);
    QCOMPARE(spec.protocol.test, 0.15);
    QCOMPARE(spec.protocol.seeds, (QList<int>{1, 2, 3}));
    QCOMPARE(spec.train.lr, 1e-4);
    QCOMPARE(spec.train.batchSize, 32);
    QCOMPARE(spec.train.maxLen, 128);
    QCOMPARE(spec.train.epochs, 5);
    QCOMPARE(spec.train.earlyStopping, 2);
    QCOMPARE(spec.train.warmup, 0.1);  // defaults stay
  }

  void parsesEveryField() {
    const QString text = QStringLiteral(
        "name: all\n"
        "model: {arch: xlnet, size: small, layers: 2, hidden: 64, heads: 4, ff: 128,\n"
        "        vocab_size: 500, dropout: 0.2}\n"
        "pretrain: {text: [{path: ../corpus/text.jsonl}], steps: 10, batch_size: 8, lr: 5e-4}\n"
        "targets:\n"
        "  - dataset: {path: sts.csv, format: csv, text: a, text_pair: b, score: s}\n"
        "    task: similarity\n"
        "    language: de\n"
        "    epochs: 2\n"
        "  - dataset: {path: x.data, format: jsonl, labels: [neg, pos], language: fr}\n"
        "train: {max_steps: 100, eval_every: 10, warmup: 0, weight_decay: 0, clip_norm: 0.5,\n"
        "        threads: 2}\n");
    const twb::ExperimentSpec spec = parseExperiment(text, QStringLiteral("/data/exp/all.yaml"));
    QCOMPARE(spec.model.arch, QStringLiteral("xlnet"));
    QCOMPARE(spec.model.layers, 2);
    QCOMPARE(spec.model.hidden, 64);
    QCOMPARE(spec.model.heads, 4);
    QCOMPARE(spec.model.ff, 128);
    QCOMPARE(spec.model.vocabSize, 500);
    QCOMPARE(spec.model.dropout, 0.2);
    QCOMPARE(spec.pretrain.text.front().path, QStringLiteral("/data/corpus/text.jsonl"));
    QCOMPARE(spec.pretrain.text.front().format, QStringLiteral("jsonl"));
    QCOMPARE(spec.pretrain.batchSize, 8);
    QCOMPARE(spec.pretrain.lr, 5e-4);
    QVERIFY(!spec.intermediate.has_value());
    const twb::TargetSpec& sts = spec.targets[0];
    QCOMPARE(sts.dataset.path, QStringLiteral("/data/exp/sts.csv"));
    QCOMPARE(sts.dataset.pairColumn, QStringLiteral("b"));
    QCOMPARE(sts.dataset.scoreColumn, QStringLiteral("s"));
    QCOMPARE(sts.dataset.language, QStringLiteral("de"));
    QCOMPARE(sts.task, QStringLiteral("similarity"));
    QCOMPARE(sts.epochs, 2);
    QCOMPARE(spec.targets[1].dataset.labels, (QStringList{"neg", "pos"}));
    QCOMPARE(spec.targets[1].dataset.format, QStringLiteral("jsonl"));
    QCOMPARE(spec.targets[1].dataset.language, QStringLiteral("fr"));
    QCOMPARE(spec.train.maxSteps, 100);
    QCOMPARE(spec.train.evalEvery, 10);
    QCOMPARE(spec.train.warmup, 0.0);
    QCOMPARE(spec.train.clipNorm, 0.5);
    QCOMPARE(spec.train.threads, 2);
    QCOMPARE(spec.protocol.seeds, (QList<int>{1}));
  }

  void similarityFileDefaultsToScoreColumn() {
    const auto spec = parseExperiment(
        QStringLiteral("name: s\nmodel: {}\ntargets: [{dataset: {path: p.tsv}, task: similarity}]"),
        QStringLiteral("/e.yaml"));
    QCOMPARE(spec.targets[0].dataset.scoreColumn, QStringLiteral("score"));
  }

  void malformedYamlIsLocated_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unclosed flow map")
        << QStringLiteral("name: x\nmodel: {arch: bert\ntargets: [uci-yelp]\n") << 3 << 8
        << QStringLiteral("end of map flow not found");
    QTest::newRow("bad indentation")
        << QStringLiteral("name: x\nmodel:\n  arch: bert\n size: tiny\n") << 4 << 2
        << QStringLiteral("end of map not found");
    QTest::newRow("tab") << QStringLiteral("name: x\n\tmodel: {}\n") << 2 << 1
                         << QStringLiteral("illegal tab");
    // yaml-cpp says "illegal map value" here: the message must say the tab is the problem.
    QTest::newRow("tab in a map")
        << QStringLiteral("name: t\nmodel:\n\tsize: tiny\ntargets: [uci-yelp]\n") << 3 << 1
        << QStringLiteral("this line is indented with a tab; YAML indents with spaces only");
    QTest::newRow("tab after spaces")
        << QStringLiteral("name: t\nmodel:\n  arch: bert\n \tsize: tiny\ntargets: [uci-yelp]\n")
        << 4 << 1 << QStringLiteral("indented with a tab");
    // yaml-cpp says "bad file" when nesting exceeds its depth limit.
    QTest::newRow("deep nesting") << QStringLiteral("name: t\nmodel: %1%2\ntargets: [uci-yelp]\n")
                                         .arg(QString(3000, QLatin1Char('[')),
                                              QString(3000, QLatin1Char(']')))
                                  << 2 << -1 << QStringLiteral("maps and lists nest more than");
  }
  void malformedYamlIsLocated() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);
    const InputError error = rejected(text);
    QCOMPARE(error.file(), QStringLiteral("/experiments/e.yaml"));
    QCOMPARE(error.line(), line);
    if (column >= 0) QCOMPARE(error.column(), column);
    QVERIFY2(error.message().startsWith(QStringLiteral("malformed YAML: ")), error.what());
    QVERIFY2(error.message().contains(expected), error.what());
    QVERIFY2(!error.message().contains(QStringLiteral("bad file")), error.what());
  }

  void unknownKeySuggestsNearest_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("train") << withLines(QStringLiteral("train:\n  epochs: 2\n  lr_rate: 0.1\n"))
                           << 6 << 3
                           << QStringLiteral("unknown key 'lr_rate' in train; did you mean 'lr'?");
    QTest::newRow("model") << QStringLiteral("name: x\nmodel: {arch: bert, hiden: 3}\ntargets: []")
                           << 2 << 21
                           << QStringLiteral(
                                  "unknown key 'hiden' in model; did you mean 'hidden'?");
    QTest::newRow("top") << withLines(QStringLiteral("protocl: {seeds: [1]}\n")) << 4 << 1
                         << QStringLiteral(
                                "unknown key 'protocl' at the top level; did you mean 'protocol'?");
    QTest::newRow("target") << QStringLiteral(
                                   "name: x\nmodel: {}\ntargets:\n  - dataset: uci-yelp\n"
                                   "    domian: food\n")
                            << 5 << 5
                            << QStringLiteral(
                                   "unknown key 'domian' in targets[1]; did you mean "
                                   "'domain'?");
    QTest::newRow("far from all") << withLines(QStringLiteral("train: {zzz: 1}\n")) << 4 << 9
                                  << QStringLiteral(
                                         "unknown key 'zzz' in train; expected one of: lr,");
  }
  void unknownKeySuggestsNearest() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);
    const InputError error = rejected(text);
    QVERIFY2(error.message().startsWith(expected), error.what());
    QCOMPARE(error.line(), line);
    QCOMPARE(error.column(), column);
  }

  void badValuesAreLocated_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative epochs")
        << withLines(QStringLiteral("train:\n  epochs: -1\n")) << 5 << 11
        << QStringLiteral("train.epochs must be a positive whole number, got -1");
    QTest::newRow("fractional batch")
        << withLines(QStringLiteral("train: {batch_size: 3.5}\n")) << 4 << 21
        << QStringLiteral("train.batch_size must be a whole number");
    QTest::newRow("quoted epochs")
        << withLines(QStringLiteral("train: {epochs: \"3\"}\n")) << 4 << 17
        << QStringLiteral("train.epochs must be a number, not the quoted text '3'");
    QTest::newRow("quoted lr") << withLines(QStringLiteral("train: {lr: '1e-4'}\n")) << 4 << 13
                               << QStringLiteral("train.lr must be a number, not the quoted text");
    QTest::newRow("lr not a number") << withLines(QStringLiteral("train: {lr: fast}\n")) << 4 << 13
                                     << QStringLiteral("train.lr must be a number, got 'fast'");
    QTest::newRow("retrieval as the intermediate task")
        << withLines(QStringLiteral("intermediate: {dataset: udhr, task: retrieval}\n")) << 4 << 37
        << QStringLiteral("intermediate.task cannot be 'retrieval'");
    QTest::newRow("a target language that is not a code")
        << QStringLiteral(
               "name: x\nmodel: {arch: bert}\ntargets: [{dataset: uci-yelp, "
               "language: English}]\n")
        << 3 << 41 << QStringLiteral("targets[1].language must be a language code");
    QTest::newRow("a language twice in a sweep")
        << QStringLiteral(
               "name: x\nmodel: {arch: bert}\ntargets: [{dataset: udhr, task: "
               "retrieval, languages: [de, fr, de]}]\n")
        << 3 << 64 << QStringLiteral("targets[1].languages: 'de' appears twice");
    QTest::newRow("empty value") << withLines(QStringLiteral("train:\n  epochs:\n")) << 5 << 3
                                 << QStringLiteral("train.epochs has no value");
    QTest::newRow("unknown task")
        << QStringLiteral("name: x\nmodel: {}\ntargets: [{dataset: uci-yelp, task: sentimnt}]\n")
        << 3 << 37
        << QStringLiteral("targets[1].task cannot be 'sentimnt'; did you mean 'sentiment'?");
    QTest::newRow("arch") << QStringLiteral("name: x\nmodel: {arch: gpt2}\ntargets: [uci-yelp]\n")
                          << 2 << 15 << QStringLiteral("model.arch cannot be 'gpt2'");
    QTest::newRow("size") << QStringLiteral("name: x\nmodel: {size: huge}\ntargets: [uci-yelp]\n")
                          << 2 << 15 << QStringLiteral("model.size cannot be 'huge'");
    QTest::newRow("from") << QStringLiteral(
                                 "name: x\nmodel: {from: bert-base-uncasd}\ntargets: [uci-yelp]\n")
                          << 2 << 15
                          << QStringLiteral(
                                 "model.from: 'bert-base-uncasd' is neither scratch, a "
                                 "catalog model (bert-base-uncased");
    QTest::newRow("from hub") << QStringLiteral(
                                     "name: x\nmodel: {from: 'hf:a b'}\ntargets: [uci-yelp]\n")
                              << 2 << 15 << QStringLiteral("'hf:a b' is not a Hub model");
    QTest::newRow("size with checkpoint")
        << QStringLiteral(
               "name: x\nmodel: {from: xlm-roberta-base, layers: 4}\ntargets: [uci-yelp]\n")
        << 2 << 41
        << QStringLiteral("model.layers: the checkpoint's config.json sets the model's size");
    QTest::newRow("unknown catalog id")
        << QStringLiteral("name: x\nmodel: {}\ntargets:\n  - dataset: yelp\n") << 4 << 14
        << QStringLiteral("unknown dataset 'yelp' in targets[1].dataset; did you mean 'uci-yelp'?");
    QTest::newRow("file as id") << QStringLiteral(
                                       "name: x\nmodel: {}\ntargets:\n  - dataset: hotels.tsv\n")
                                << 4 << 14
                                << QStringLiteral("to read a file write {path: hotels.tsv}");
    QTest::newRow("format unknown")
        << QStringLiteral("name: x\nmodel: {}\ntargets:\n  - dataset: {path: a.txt}\n") << 4 << 21
        << QStringLiteral("cannot tell the format of 'a.txt'");
    QTest::newRow("split sum") << withLines(QStringLiteral("protocol: {split: [0.7, 0.2, 0.2]}\n"))
                               << 4 << 19 << QStringLiteral("protocol.split must add up to 1");
    QTest::newRow("split zero") << withLines(QStringLiteral("protocol: {split: [1, 0, 0]}\n")) << 4
                                << 20 << QStringLiteral("each fraction must be between 0 and 1");
    QTest::newRow("split two") << withLines(QStringLiteral("protocol: {split: [0.5, 0.5]}\n")) << 4
                               << 19 << QStringLiteral("must be three fractions");
    QTest::newRow("seed text") << withLines(QStringLiteral("protocol: {seeds: [1, two]}\n")) << 4
                               << 23 << QStringLiteral("protocol.seeds must be a whole number");
    QTest::newRow("seed twice") << withLines(QStringLiteral("protocol: {seeds: [1, 1]}\n")) << 4
                                << 23 << QStringLiteral("seed 1 appears twice");
    // One seed without a list is checked as the list's seeds are (it ran seed 1 for 2^32 + 1).
    QTest::newRow("seed over int")
        << withLines(QStringLiteral("protocol: {seeds: 4294967297}\n")) << 4 << 19
        << QStringLiteral(
               "protocol.seeds: a seed must be between 0 and 2147483647, got 4294967297");
    QTest::newRow("seed negative")
        << withLines(QStringLiteral("protocol: {seeds: -5}\n")) << 4 << 19
        << QStringLiteral("protocol.seeds: a seed must be between 0 and 2147483647, got -5");
    QTest::newRow("seed in list negative")
        << withLines(QStringLiteral("protocol: {seeds: [1, -5]}\n")) << 4 << 23
        << QStringLiteral("a seed must be between 0 and 2147483647, got -5");
    QTest::newRow("decontaminate yes")
        << withLines(QStringLiteral("protocol: {decontaminate: yes}\n")) << 4 << 27
        << QStringLiteral("protocol.decontaminate must be true");
    QTest::newRow("parallel file without language")
        << QStringLiteral(
               "name: x\nmodel: {}\ntargets:\n  - {dataset: {path: p.tsv}, task: "
               "translation-pair}\n")
        << 4 << 15 << QStringLiteral("say which column holds the translation");
    QTest::newRow("source without zero-shot")
        << QStringLiteral(
               "name: x\nmodel: {}\ntargets:\n  - {dataset: uci-yelp, task: sentiment, source: "
               "uci-amazon}\n")
        << 4 << 50 << QStringLiteral("only a zero-shot target fine-tunes on a source dataset");
    QTest::newRow("targets not a list")
        << QStringLiteral("name: x\nmodel: {}\ntargets: uci-yelp\n") << 3 << 10
        << QStringLiteral("targets must be a non-empty list");
    QTest::newRow("duplicate key") << withLines(QStringLiteral("name: y\n")) << 4 << 1
                                   << QStringLiteral("key 'name' appears twice");
    QTest::newRow("heads divide hidden")
        << QStringLiteral("name: x\nmodel: {hidden: 10, heads: 3}\ntargets: [uci-yelp]\n") << 2
        << 28 << QStringLiteral("must be a multiple of model.heads");
  }
  void badValuesAreLocated() {
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);
    const InputError error = rejected(text);
    QVERIFY2(error.message().contains(expected), error.what());
    QCOMPARE(error.line(), line);
    QCOMPARE(error.column(), column);
  }

  void missingKeysAreNamed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name") << QStringLiteral("model: {}\ntargets: [uci-yelp]\n")
                          << QStringLiteral("missing required key 'name'");
    QTest::newRow("model and targets")
        << QStringLiteral("name: x\n")
        << QStringLiteral("missing required keys 'model', 'targets'");
    QTest::newRow("empty targets") << QStringLiteral("name: x\nmodel: {}\ntargets: []\n")
                                   << QStringLiteral("targets must be a non-empty list");
    QTest::newRow("target dataset")
        << QStringLiteral("name: x\nmodel: {}\ntargets: [{task: sentiment}]\n")
        << QStringLiteral("missing required key 'dataset' in targets[1]");
    QTest::newRow("file path")
        << QStringLiteral("name: x\nmodel: {}\ntargets: [{dataset: {text: t}}]\n")
        << QStringLiteral("missing required key 'path' in targets[1].dataset");
    QTest::newRow("empty file") << QString() << QStringLiteral("the experiment must be a map");
    QTest::newRow("empty name") << QStringLiteral("name: ''\nmodel: {}\ntargets: [uci-yelp]\n")
                                << QStringLiteral("name must not be empty");
  }
  void missingKeysAreNamed() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const InputError error = rejected(text);
    QVERIFY2(error.message().contains(expected), error.what());
    QCOMPARE(error.file(), QStringLiteral("/experiments/e.yaml"));
  }

  void modelSourcesResolve() {
    const QString targets = QStringLiteral("targets: [{dataset: uci-yelp, task: sentiment}]\n");
    auto source = [&](const QString& from, const QString& yamlPath) {
      return parseExperiment(QStringLiteral("name: x\nmodel: {from: '%1'}\n").arg(from) + targets,
                             yamlPath)
          .model.source;
    };
    twb::ModelSource hub = source(QStringLiteral("xlm-roberta-base"), "/e/x.yaml");
    QCOMPARE(hub.kind, twb::ModelSource::Hub);
    QCOMPARE(hub.repo, QStringLiteral("FacebookAI/xlm-roberta-base"));
    QCOMPARE(hub.revision, QStringLiteral("main"));
    hub = source(QStringLiteral("hf:someone/tiny-bert@v2"), "/e/x.yaml");
    QCOMPARE(hub.repo, QStringLiteral("someone/tiny-bert"));
    QCOMPARE(hub.revision, QStringLiteral("v2"));
    QTemporaryDir dir;
    twb::test::writeFile(dir, QStringLiteral("models/mine/config.json"), "{}");
    const twb::ModelSource folder =
        source(QStringLiteral("models/mine"), dir.filePath(QStringLiteral("x.yaml")));
    QCOMPARE(folder.kind, twb::ModelSource::Folder);
    QCOMPARE(folder.folder, QDir::cleanPath(dir.filePath(QStringLiteral("models/mine"))));
    QCOMPARE(parseExperiment(QStringLiteral("name: x\nmodel: {}\n") + targets, "/e/x.yaml")
                 .model.pretrained(),
             false);
  }

  void everyShippedPresetLoads() {
    QDirIterator it(QStringLiteral(TWB_SOURCE_DIR "/resources/experiments"), {"*.yaml"},
                    QDir::Files, QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
      const QString path = it.next();
      const twb::ExperimentSpec spec = twb::loadExperiment(path);
      QVERIFY2(!spec.targets.isEmpty(), qPrintable(path));
      if (path.contains(QStringLiteral("/gpu/")))
        QVERIFY2(spec.model.source.kind == twb::ModelSource::Hub, qPrintable(path));
      ++count;
    }
    QVERIFY(count >= 7);
  }

  void missingFileIsAnInputError() {
    QVERIFY_THROWS_EXCEPTION(InputError,
                             twb::loadExperiment(QStringLiteral("/nonexistent/e.yaml")));
  }

  void oneSeedIsKept() {
    QCOMPARE(parseExperiment(withLines(QStringLiteral("protocol: {seeds: 7}\n")), "/e.yaml")
                 .protocol.seeds,
             (QList<int>{7}));
  }

  // A FIFO or a device as the experiment is refused at once: reading one used to block, or to
  // fill memory until std::bad_alloc.
  void specialFilesAreRefusedAtOnce() {
    QTemporaryDir dir;
    const twb::test::Fifo fifo(dir.filePath(QStringLiteral("e.yaml")));
    QVERIFY(fifo.created());
    for (const QString& path : {fifo.path(), QStringLiteral("/dev/zero"), dir.path()}) {
      QElapsedTimer clock;
      clock.start();
      const InputError error = twb::test::inputErrorOf([&] { twb::loadExperiment(path); });
      QVERIFY2(clock.elapsed() < 2000, qPrintable(path));
      QCOMPARE(error.file(), QFileInfo(path).absoluteFilePath());
      QVERIFY2(error.message().contains(QStringLiteral("not a regular file (an experiment must "
                                                       "be a regular file)")),
               error.what());
    }
  }

  void oversizedExperimentIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(2 * twb::kMiB));  // sparse
    file.close();
    const InputError error = twb::test::inputErrorOf([&] { twb::loadExperiment(path); });
    QCOMPARE(error.file(), path);
    QCOMPARE(error.message(),
             QStringLiteral("is 2 MiB, more than the 1 MiB an experiment may hold"));
  }

  // yaml-cpp read UTF-16 as "unknown escape character": the file must be named UTF-16.
  void utf16ExperimentIsNamed() {
    QTemporaryDir dir;
    QByteArray utf16("\xFF\xFE", 2);
    const QString text = QStringLiteral("name: x\nmodel: {}\ntargets: [uci-yelp]\n");
    utf16.append(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
    const QString path = twb::test::writeFile(dir, QStringLiteral("wide.yaml"), utf16);
    const InputError error = twb::test::inputErrorOf([&] { twb::loadExperiment(path); });
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().contains(QStringLiteral("UTF-16 (little-endian) text; it must be "
                                                     "UTF-8")),
             error.what());
  }

  void nearestName() {
    const QStringList keys{"lr", "batch_size", "max_len", "epochs", "warmup"};
    QCOMPARE(twb::nearestName(QStringLiteral("lr_rate"), keys), QStringLiteral("lr"));
    QCOMPARE(twb::nearestName(QStringLiteral("batchsize"), keys), QStringLiteral("batch_size"));
    QCOMPARE(twb::nearestName(QStringLiteral("epoch"), keys), QStringLiteral("epochs"));
    QCOMPARE(twb::nearestName(QStringLiteral("zzz"), keys), QString());
    QCOMPARE(twb::editDistance(QStringLiteral("kitten"), QStringLiteral("sitting")), 3);
  }
};

QTEST_GUILESS_MAIN(TestExperimentLoader)
#include "test_experiment_loader.moc"

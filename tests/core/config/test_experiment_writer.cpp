// Tests of ExperimentWriter: specs written as YAML read back field by field, paths made relative.
#include <QDir>
#include <QtTest>

#include "common/InputError.h"
#include "config/ExperimentLoader.h"
#include "config/ExperimentWriter.h"

using twb::DatasetRef;
using twb::ExperimentSpec;
using twb::TargetSpec;

namespace {

const char* kReadmeExample = R"(name: movies-to-products
model: {arch: bert, size: tiny, from: scratch}      # bert | roberta | xlnet; tiny mini small base
pretrain: {text: [movies-reviews, uci-imdb], steps: 2000}   # masked-LM from scratch
intermediate: {dataset: movies-sentences, task: classification, epochs: 3}
targets:
  - {dataset: uci-yelp, task: classification, domain: restaurants}
  - dataset: {path: hotels.tsv, text: review, label: stars}  # your own file, relative to the YAML
    task: classification
    domain: hotels
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, 3]}
train: {lr: 1e-4, batch_size: 32, max_len: 128, epochs: 5, early_stopping: 2}
)";

DatasetRef fileRef(const QString& path) {
  DatasetRef ref;
  ref.path = path;
  ref.format = QFileInfo(path).suffix() == QLatin1String("txt") ? QStringLiteral("tsv")
                                                                : QFileInfo(path).suffix();
  return ref;
}

// Writes spec for a YAML file in folder, reads it back (reporting the text on a rejection) and
// returns what was read.
ExperimentSpec roundTrip(const ExperimentSpec& spec, const QString& folder, QString* yaml) {
  *yaml = twb::experimentToYaml(spec, folder);
  try {
    return twb::parseExperiment(*yaml, QDir(folder).filePath(QStringLiteral("written.yaml")));
  } catch (const twb::InputError& error) {
    qWarning().noquote() << *yaml;
    qFatal("the written YAML was rejected at line %d: %s", error.line(),
           qPrintable(error.message()));
  }
  return {};
}

// A spec that leaves the defaults almost everywhere: files with pairs, scores, labels, formats.
ExperimentSpec fileSpec(const QString& folder) {
  ExperimentSpec spec;
  spec.name = QStringLiteral("hotels & pairs: a test");
  spec.model.arch = QStringLiteral("xlnet");
  spec.model.size = QStringLiteral("mini");
  spec.model.layers = 3;
  spec.model.hidden = 96;
  spec.model.heads = 3;
  spec.model.ff = 384;
  spec.model.vocabSize = 8000;
  spec.model.dropout = 0.2;

  DatasetRef corpus = fileRef(QDir(folder).filePath(QStringLiteral("text/corpus.jsonl")));
  corpus.language = QStringLiteral("fr");
  spec.pretrain.text = {DatasetRef{}, corpus};
  spec.pretrain.text[0].id = QStringLiteral("reviews-fr");
  spec.pretrain.steps = 500;
  spec.pretrain.batchSize = 16;
  spec.pretrain.lr = 3e-4;

  twb::TaskSpec intermediate;
  intermediate.dataset = fileRef(QDir(folder).filePath(QStringLiteral("sts.csv")));
  intermediate.dataset.textColumn = QStringLiteral("sentence1");
  intermediate.dataset.pairColumn = QStringLiteral("sentence2");
  intermediate.dataset.scoreColumn = QStringLiteral("similarity");
  intermediate.task = QStringLiteral("similarity");
  intermediate.epochs = 2;
  spec.intermediate = intermediate;

  TargetSpec hotels;
  hotels.dataset = fileRef(QDir(folder).filePath(QStringLiteral("data/hotels.txt")));
  hotels.dataset.textColumn = QStringLiteral("review");
  hotels.dataset.labelColumn = QStringLiteral("stars");
  hotels.dataset.labels = {QStringLiteral("1"), QStringLiteral("2 stars"), QStringLiteral("null")};
  hotels.dataset.language = QStringLiteral("de");
  hotels.task = QStringLiteral("sentiment");
  hotels.domain = QStringLiteral("hotels");
  hotels.epochs = 4;
  TargetSpec yelp;
  yelp.dataset.id = QStringLiteral("uci-yelp");
  yelp.dataset.language = QStringLiteral("en");
  yelp.domain = QStringLiteral("restaurants");
  spec.targets = {hotels, yelp};

  spec.protocol.train = 0.8;
  spec.protocol.dev = 0.1;
  spec.protocol.test = 0.1;
  spec.protocol.seeds = {7, 3, 11};
  spec.train.lr = 2e-5;
  spec.train.batchSize = 8;
  spec.train.maxLen = 64;
  spec.train.epochs = 6;
  spec.train.maxSteps = 900;
  spec.train.earlyStopping = 3;
  spec.train.evalEvery = 50;
  spec.train.warmup = 0.06;
  spec.train.weightDecay = 0;
  spec.train.clipNorm = 0.5;
  spec.train.threads = 2;
  return spec;
}

}  // namespace

class TestExperimentWriter : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readmeExampleRoundTrips() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("exp"));
    const ExperimentSpec spec =
        twb::parseExperiment(kReadmeExample, QDir(folder).filePath(QStringLiteral("a.yaml")));
    QString yaml;
    const ExperimentSpec back = roundTrip(spec, folder, &yaml);
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    // Readable like the README: small maps in flow style, the file relative to the YAML.
    QVERIFY2(yaml.contains(QStringLiteral("model: {arch: bert, size: tiny, from: scratch}\n")),
             qPrintable(yaml));
    QVERIFY2(yaml.contains(QStringLiteral("pretrain: {text: [movies-reviews, uci-imdb], "
                                          "steps: 2000}\n")),
             qPrintable(yaml));
    QVERIFY2(yaml.contains(QStringLiteral("- {dataset: uci-yelp, task: classification, domain: "
                                          "restaurants}\n")),
             qPrintable(yaml));
    QVERIFY2(yaml.contains(QStringLiteral("dataset: {path: hotels.tsv, text: review, label: "
                                          "stars}\n")),
             qPrintable(yaml));
    QVERIFY2(yaml.contains(QStringLiteral("protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2, "
                                          "3]}\n")),
             qPrintable(yaml));
    QVERIFY2(yaml.contains(QStringLiteral("lr: 0.0001")), qPrintable(yaml));
    // Writing what was read gives the same text again.
    QCOMPARE(twb::experimentToYaml(back, folder), yaml);
  }

  void fileDatasetsPairsScoresLabelsAndSeedsRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ExperimentSpec spec = fileSpec(dir.path());
    QString yaml;
    const ExperimentSpec back = roundTrip(spec, dir.path(), &yaml);
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    QVERIFY2(yaml.contains(QStringLiteral("seeds: [7, 3, 11]")), qPrintable(yaml));
    // .txt says nothing of the format: it is written; .csv and .jsonl speak for themselves.
    QVERIFY2(yaml.contains(QStringLiteral("format: tsv")), qPrintable(yaml));
    QCOMPARE(yaml.count(QStringLiteral("format:")), 1);
    QVERIFY2(yaml.contains(QStringLiteral("language: en")), qPrintable(yaml));
  }

  void aCheckpointsWrittenDropoutRoundTrips() {
    // At the default value too: written, it overrides the checkpoint's own dropout.
    const twb::ExperimentSpec spec =
        twb::parseExperiment(QStringLiteral("name: x\nmodel: {from: roberta-base, dropout: 0.1}\n"
                                            "targets: [{dataset: uci-yelp, task: sentiment}]\n"),
                             QStringLiteral("/e/x.yaml"));
    QVERIFY(spec.model.dropoutGiven);
    const QString yaml = twb::experimentToYaml(spec, QStringLiteral("/e"));
    QVERIFY2(yaml.contains(QStringLiteral("model: {from: roberta-base, dropout: 0.1}")),
             qPrintable(yaml));
    const twb::ExperimentSpec back = twb::parseExperiment(yaml, QStringLiteral("/e/x.yaml"));
    QVERIFY(back.model.dropoutGiven);
    QVERIFY(twb::experimentDifferences(spec, back).isEmpty());
  }

  void differencesNameTheKey() {
    QTemporaryDir dir;
    const ExperimentSpec spec = fileSpec(dir.path());
    ExperimentSpec other = spec;
    other.targets[0].dataset.labelColumn = QStringLiteral("rating");
    other.protocol.seeds = {7, 3};
    const QStringList differences = twb::experimentDifferences(spec, other);
    QCOMPARE(differences.size(), 2);
    QVERIFY(differences[0].startsWith(QStringLiteral("targets[1].dataset.label: 'stars'")));
    QVERIFY(differences[1].startsWith(QStringLiteral("protocol.seeds: [7, 3, 11]")));
    ExperimentSpec noIntermediate = spec;
    noIntermediate.intermediate.reset();
    QCOMPARE(twb::experimentDifferences(spec, noIntermediate).size(), 1);
  }

  void decontaminateIsWrittenWhenOffAndCompared() {
    // On is the default and goes unwritten; off is written, read back and named in differences.
    const QString top =
        QStringLiteral("name: x\nmodel: {arch: bert}\ntargets: [{dataset: uci-yelp}]\n");
    const ExperimentSpec on = twb::parseExperiment(top, QStringLiteral("/e/x.yaml"));
    QVERIFY(on.protocol.decontaminate);
    QVERIFY(!twb::experimentToYaml(on, QStringLiteral("/e")).contains(QStringLiteral("decont")));
    ExperimentSpec off = on;
    off.protocol.decontaminate = false;
    const QString yaml = twb::experimentToYaml(off, QStringLiteral("/e"));
    QVERIFY2(yaml.contains(QStringLiteral("seeds: [1], decontaminate: false}")), qPrintable(yaml));
    const ExperimentSpec back = twb::parseExperiment(yaml, QStringLiteral("/e/x.yaml"));
    QVERIFY(!back.protocol.decontaminate);
    QCOMPARE(twb::experimentDifferences(off, back), QStringList());
    QCOMPARE(twb::experimentDifferences(on, off),
             QStringList{QStringLiteral("protocol.decontaminate: 'true' != 'false'")});
  }

  void aParallelFileTargetRoundTrips() {
    // A translation-pair target from a file: English is the `en` column unless `text` says.
    const ExperimentSpec spec = twb::parseExperiment(
        QStringLiteral("name: x\nmodel: {arch: bert}\ntargets:\n"
                       "  - {dataset: {path: pairs.tsv}, task: translation-pair, language: de}\n"
                       "  - {dataset: {path: p.csv, text: eng, text_pair: ger}, task: "
                       "translation-pair, language: de}\n"),
        QStringLiteral("/e/x.yaml"));
    QCOMPARE(spec.targets[0].dataset.textColumn, QStringLiteral("en"));
    QCOMPARE(spec.targets[0].dataset.pairColumn, QString());
    QCOMPARE(spec.targets[0].dataset.language, QStringLiteral("de"));
    QCOMPARE(spec.targets[1].dataset.textColumn, QStringLiteral("eng"));
    QCOMPARE(spec.targets[1].dataset.pairColumn, QStringLiteral("ger"));
    const ExperimentSpec back = twb::parseExperiment(
        twb::experimentToYaml(spec, QStringLiteral("/e")), QStringLiteral("/e/x.yaml"));
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
  }

  void pathsUnderTheYamlFolderAreRelative() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("experiments"));
    ExperimentSpec spec;
    spec.name = QStringLiteral("paths");
    for (const QString& path : {QDir(folder).filePath(QStringLiteral("data/under.tsv")),
                                dir.filePath(QStringLiteral("beside/outside.csv")),
                                dir.filePath(QStringLiteral("experiments-2/sibling.tsv"))}) {
      TargetSpec target;
      target.dataset = fileRef(path);
      spec.targets << target;
    }
    QString yaml;
    const ExperimentSpec back = roundTrip(spec, folder, &yaml);
    QCOMPARE(twb::experimentDifferences(spec, back), QStringList());
    QVERIFY2(yaml.contains(QStringLiteral("{path: data/under.tsv}")), qPrintable(yaml));
    QVERIFY2(yaml.contains(dir.filePath(QStringLiteral("beside/outside.csv"))), qPrintable(yaml));
    QVERIFY2(yaml.contains(dir.filePath(QStringLiteral("experiments-2/sibling.tsv"))),
             qPrintable(yaml));
    QVERIFY(!yaml.contains(QStringLiteral("..")));
    // Without a folder every path stays absolute, and reads back the same from anywhere.
    const QString absolute = twb::experimentToYaml(spec, QString());
    QVERIFY2(absolute.contains(QDir(folder).filePath(QStringLiteral("data/under.tsv"))),
             qPrintable(absolute));
    const ExperimentSpec elsewhere =
        twb::parseExperiment(absolute, QStringLiteral("/somewhere/else.yaml"));
    QCOMPARE(twb::experimentDifferences(spec, elsewhere), QStringList());
  }

  void awkwardNamesAreQuoted() {
    for (const QString& name : {QStringLiteral("null"), QStringLiteral("~"),
                                QStringLiteral("a: b # c"), QStringLiteral("[x]"),
                                QStringLiteral("Transfert été → ünïcode"), QStringLiteral("123")}) {
      ExperimentSpec spec;
      spec.name = name;
      TargetSpec target;
      target.dataset.id = QStringLiteral("uci-amazon");
      spec.targets << target;
      QString yaml;
      const ExperimentSpec back = roundTrip(spec, QString(), &yaml);
      QCOMPARE(back.name, name);
    }
  }

  void numbersAreShortestExact() {
    QCOMPARE(twb::shortestNumber(1e-4), QStringLiteral("0.0001"));
    QCOMPARE(twb::shortestNumber(3e-5), QStringLiteral("3e-05"));
    QCOMPARE(twb::shortestNumber(0.7), QStringLiteral("0.7"));
    QCOMPARE(twb::shortestNumber(2000), QStringLiteral("2000"));
    QCOMPARE(twb::shortestNumber(0), QStringLiteral("0"));
    const double awkward = 0.1 + 0.2;
    QCOMPARE(twb::shortestNumber(awkward).toDouble(), awkward);
    QCOMPARE(twb::shortestNumber(awkward), QStringLiteral("0.30000000000000004"));
  }
};

QTEST_GUILESS_MAIN(TestExperimentWriter)
#include "test_experiment_writer.moc"

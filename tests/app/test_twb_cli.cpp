// The `twb` command as a user runs it: the real binary (TWB_BINARY) on fixture files in a
// temporary folder, checking exit statuses, messages, the JSON and table output, and what
// `twb runs`, `twb show` and `twb export` read back from the store. No network.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>
#include <random>
#include <stdexcept>

#include "store/ResolvedSettings.h"
#include "store/RunStore.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

// Sentences whose sentiment shows in their words, with a domain's own words mixed in.
QByteArray sentimentTsv(int n, const QStringList& domainWords, std::uint64_t seed) {
  const QStringList good = {"great", "lovely", "excellent", "superb", "wonderful", "fine"};
  const QStringList bad = {"awful", "terrible", "poor", "dreadful", "boring", "broken"};
  const QStringList filler = {"the", "a", "it", "was", "really", "quite", "and", "this"};
  std::mt19937_64 rng(seed);
  const auto pick = [&](const QStringList& words) {
    return words[static_cast<qsizetype>(rng() % static_cast<std::uint64_t>(words.size()))];
  };
  QByteArray out = "sentence\tpolarity\n";
  for (int i = 0; i < n; ++i) {
    const bool positive = i % 2 == 0;
    QStringList words;
    for (int w = 0; w < 6; ++w) {
      const std::uint64_t r = rng() % 10;
      words << (r < 3 ? pick(positive ? good : bad) : r < 6 ? pick(domainWords) : pick(filler));
    }
    out += words.join(QLatin1Char(' ')).toUtf8() + (positive ? "\tpos\n" : "\tneg\n");
  }
  return out;
}

// Two targets, two seeds, a one-layer encoder: both arms of every run in about a second.
const QByteArray kYaml = R"(name: cli-test
model: {arch: bert, size: tiny, layers: 1, hidden: 32, heads: 2, ff: 64, vocab_size: 120}
pretrain: {text: [{path: movies.tsv, text: sentence}], steps: 2, batch_size: 16}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 1}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: restaurants}
  - {dataset: {path: phones.tsv, text: sentence, label: polarity}, task: sentiment, domain: gadgets}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1, 2]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 1}
)";

const QStringList kTargets = {QStringLiteral("food/restaurants"), QStringLiteral("phones/gadgets")};
constexpr int kRuns = 2 * 2 * 2;  // arms x targets x seeds

// kYaml with one piece replaced (which must be there).
QByteArray yamlWith(const QByteArray& from, const QByteArray& to) {
  if (!kYaml.contains(from)) throw std::logic_error("fixture YAML lacks " + from.toStdString());
  return QByteArray(kYaml).replace(from, to);
}

struct Outcome {
  int status = -1;  // the exit status; -1 when twb crashed or hung
  QString out;
  QString err;
};

// The lines of a CSV file without the final empty one.
QStringList csvLines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
  if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
  return lines;
}

bool hasLine(const QString& text, const QString& pattern) {
  return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).hasMatch();
}

// True when no experiment was stored at db (it may not even exist).
bool storesNothing(const QString& db) {
  return !QFile::exists(db) || RunStore(db).experiments().isEmpty();
}

}  // namespace

class TwbCliTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString db_;    // the store of the --json run, read by the runs, show and export cases
  Outcome json_;  // that run

  // Runs twb with args and --db db in the temporary folder, with its own data folder.
  Outcome twb(const QStringList& args, const QString& db) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TWB_DATA_DIR"), dir_.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("TWB_DB"), db);
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir_.filePath(QStringLiteral("xdg")));
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    for (const char* proxy : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"})
      env.insert(QString::fromLatin1(proxy), QStringLiteral("http://127.0.0.1:9"));  // no network
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(dir_.path());
    process.start(QStringLiteral(TWB_BINARY), args + QStringList{QStringLiteral("--db"), db});
    Outcome outcome;
    if (!process.waitForFinished(60000)) {
      process.kill();
      process.waitForFinished();
      outcome.err = QStringLiteral("twb did not finish: ") + process.errorString();
      return outcome;
    }
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    if (process.exitStatus() == QProcess::NormalExit) outcome.status = process.exitCode();
    return outcome;
  }

  QString path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)); }

  // Writes name.yaml and runs it into a new store name.sqlite.
  Outcome runYaml(const char* name, const QByteArray& yaml, const QStringList& extra = {}) {
    const QString file = QString::fromLatin1(name) + QStringLiteral(".yaml");
    test::writeFile(dir_, file, yaml);
    return twb(
        QStringList{QStringLiteral("run"), file, QStringLiteral("--threads"), QStringLiteral("1")} +
            extra,
        dir_.filePath(QString::fromLatin1(name) + QStringLiteral(".sqlite")));
  }

  qint64 experimentId() const {
    return QJsonDocument::fromJson(json_.out.toUtf8())
        .object()
        .value(QStringLiteral("experiment_id"))
        .toInteger();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    test::writeFile(dir_, QStringLiteral("movies.tsv"),
                    sentimentTsv(200, {"film", "actor", "plot", "scene"}, 1));
    test::writeFile(dir_, QStringLiteral("food.tsv"),
                    sentimentTsv(60, {"soup", "waiter", "pasta", "menu"}, 2));
    test::writeFile(dir_, QStringLiteral("phones.tsv"),
                    sentimentTsv(60, {"screen", "battery", "case"}, 3));
    json_ = runYaml("exp", kYaml, {QStringLiteral("--json")});
    db_ = path("exp.sqlite");
  }

  void helpListsTheCommands() {
    const Outcome help = twb({QStringLiteral("--help")}, path("help.sqlite"));
    QCOMPARE(help.status, 0);
    for (const char* command : {"run", "datasets", "runs", "show", "export"})
      QVERIFY2(hasLine(help.out, QStringLiteral("^  %1\\b").arg(QLatin1String(command))),
               qPrintable(help.out));
  }

  void versionPrintsTheVersion() {
    const Outcome version = twb({QStringLiteral("--version")}, path("help.sqlite"));
    QCOMPARE(version.status, 0);
    QCOMPARE(version.out.trimmed(), QStringLiteral("twb " TWB_VERSION));
  }

  void unknownCommandExits2() {
    const Outcome unknown = twb({QStringLiteral("frobnicate")}, path("help.sqlite"));
    QCOMPARE(unknown.status, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")),
             qPrintable(unknown.err));
  }

  void malformedYamlNamesLineAndColumn() {
    const Outcome bad = runYaml("malformed",
                                "name: broken\nmodel: {arch: bert, size: tiny\n"
                                "targets:\n  - {dataset: uci-yelp}\n");
    QCOMPARE(bad.status, 2);
    const QRegularExpressionMatch where =
        QRegularExpression(QStringLiteral("malformed\\.yaml:(\\d+):(\\d+): ")).match(bad.err);
    QVERIFY2(where.hasMatch(), qPrintable(bad.err));
    // The unclosed map opens on line 2; the parser notices by line 3.
    QVERIFY2(where.captured(1).toInt() >= 2 && where.captured(1).toInt() <= 3, qPrintable(bad.err));
    QVERIFY(where.captured(2).toInt() > 0);
    QVERIFY(storesNothing(path("malformed.sqlite")));
  }

  void unknownKeySuggestsTheNearest() {
    const Outcome bad =
        runYaml("typo", yamlWith("max_len: 16, epochs: 1", "max_len: 16, epoch: 1"));
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains(QRegularExpression(QStringLiteral("typo\\.yaml:9:\\d+: "))),
             qPrintable(bad.err));
    QVERIFY2(
        bad.err.contains(QStringLiteral("unknown key 'epoch' in train; did you mean 'epochs'?")),
        qPrintable(bad.err));
    QVERIFY(storesNothing(path("typo.sqlite")));
  }

  void missingDatasetStoresNothing_data() {
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QStringList>("named");
    QTest::newRow("file") << QByteArray("path: phones.tsv") << QByteArray("path: nofile.tsv")
                          << QStringList{QStringLiteral("nofile.tsv")};
    QTest::newRow("column") << QByteArray("polarity}, task: sentiment, domain: gadgets")
                            << QByteArray("stars}, task: sentiment, domain: gadgets")
                            << QStringList{QStringLiteral("phones.tsv"), QStringLiteral("stars")};
  }

  void missingDatasetStoresNothing() {
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QStringList, named);
    const Outcome bad = runYaml("missing", yamlWith(from, to));
    QCOMPARE(bad.status, 2);
    for (const QString& name : named) QVERIFY2(bad.err.contains(name), qPrintable(bad.err));
    QVERIFY(bad.out.isEmpty());
    QVERIFY(storesNothing(path("missing.sqlite")));
  }

  void jsonRunPrintsOneObject() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    QCOMPARE(json_.out.count(QLatin1Char('\n')), 1);  // one line, nothing else on stdout
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json_.out.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isObject());
    const QJsonObject root = document.object();
    QCOMPARE(root.value(QStringLiteral("experiment")).toString(), QStringLiteral("cli-test"));
    // What the contamination check found is in the run's JSON too, as in twb show.
    QVERIFY(root.value(QStringLiteral("contamination")).isArray());
    QVERIFY(!root.value(QStringLiteral("contamination")).toArray().isEmpty());
    const QJsonArray results = root.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), kTargets.size());

    // Each arm's mean is the mean of the stored test scores of its runs.
    RunStore store(db_);
    QHash<qint64, RunRecord> runs;
    for (const RunRecord& run : store.runs(experimentId())) runs.insert(run.id, run);
    QCOMPARE(runs.size(), kRuns);
    QStringList targets;
    for (const QJsonValue& value : results) {
      const QJsonObject result = value.toObject();
      const QString target = result.value(QStringLiteral("target")).toString();
      targets << target;
      const QString verdict = result.value(QStringLiteral("verdict")).toString();
      QVERIFY2(QStringList({"positive", "negative", "inconclusive"}).contains(verdict),
               qPrintable(verdict));
      QHash<QString, double> means;
      for (const char* key : {"baseline", "transfer", "delta"}) {
        const QJsonObject arm = result.value(QLatin1String(key)).toObject();
        QVERIFY2(arm.value(QStringLiteral("mean")).isDouble(), key);
        QVERIFY2(arm.value(QStringLiteral("sd")).isDouble(), key);
        QVERIFY(arm.value(QStringLiteral("sd")).toDouble() >= 0);
        QCOMPARE(arm.value(QStringLiteral("n")).toInt(), 2);
        // The interval over two seeds: [low, high] around the mean.
        const QJsonArray ci = arm.value(QStringLiteral("ci95")).toArray();
        QCOMPARE(ci.size(), 2);
        QVERIFY(ci[0].toDouble() <= arm.value(QStringLiteral("mean")).toDouble() + 1e-12);
        QVERIFY(ci[1].toDouble() >= arm.value(QStringLiteral("mean")).toDouble() - 1e-12);
        means.insert(QLatin1String(key), arm.value(QStringLiteral("mean")).toDouble());
      }
      const QJsonObject delta = result.value(QStringLiteral("delta")).toObject();
      for (const char* key : {"p", "ci95_examples", "d_z"})
        QVERIFY2(delta.contains(QLatin1String(key)), key);
      // Per-example predictions were stored, so the interval over test examples exists.
      QCOMPARE(delta.value(QStringLiteral("ci95_examples")).toArray().size(), 2);
      QVERIFY(delta.value(QStringLiteral("test_examples")).toInt() > 0);
      // Two seeds: the verdict rests on the examples.
      QCOMPARE(result.value(QStringLiteral("verdict_basis")).toString(),
               QStringLiteral("examples"));
      QVERIFY(qAbs(means["delta"] - (means["transfer"] - means["baseline"])) < 1e-9);
      const QString metric = result.value(QStringLiteral("metric")).toString();
      for (const QString& arm : {QStringLiteral("baseline"), QStringLiteral("transfer")}) {
        double sum = 0;
        int n = 0;
        for (const ResultRecord& r : store.results(experimentId())) {
          const RunRecord& run = runs[r.runId];
          if (run.target == target && run.arm == arm && r.split == QLatin1String("test") &&
              r.metric == metric) {
            sum += r.value;
            ++n;
          }
        }
        QCOMPARE(n, 2);  // seeds
        QVERIFY2(qAbs(means[arm] - sum / n) < 1e-9, qPrintable(target + QLatin1Char(' ') + arm));
      }
    }
    QCOMPARE(targets, kTargets);
  }

  void runsListsEveryRun() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const Outcome list = twb({QStringLiteral("runs")}, db_);
    QCOMPARE(list.status, 0);
    QVERIFY2(hasLine(list.out,
                     QStringLiteral("^experiment %1  cli-test  finished ").arg(experimentId())),
             qPrintable(list.out));
    // What train.precision: auto and bucketing's default resolved to on the machine that ran it.
    QVERIFY2(hasLine(list.out, QStringLiteral("^experiment %1 .*  precision (bf16|fp32), "
                                              "bucketing on$")
                                   .arg(experimentId())),
             qPrintable(list.out));
    const QVector<RunRecord> runs = RunStore(db_).runs(experimentId());
    QCOMPARE(runs.size(), kRuns);
    for (const RunRecord& run : runs)
      QVERIFY2(hasLine(list.out, QStringLiteral("^  %1 +%2 +%3 +%4 +finished +accuracy \\d")
                                     .arg(run.id)
                                     .arg(run.arm, QRegularExpression::escape(run.target))
                                     .arg(run.seed)),
               qPrintable(list.out));
  }

  void showPrintsStagesAndResults() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    RunStore store(db_);
    RunRecord transfer;
    for (const RunRecord& run : store.runs(experimentId()))
      if (run.arm == QLatin1String("transfer")) transfer = run;
    QVERIFY(transfer.id > 0);
    const Outcome show = twb({QStringLiteral("show"), QString::number(transfer.id)}, db_);
    QCOMPARE(show.status, 0);
    QVERIFY(show.out.startsWith(
        QStringLiteral("run %1 of experiment %2").arg(transfer.id).arg(experimentId())));
    QStringList names;
    for (const StageRecord& stage : store.stagesOfRun(transfer.id)) {
      names << stage.name;
      QVERIFY2(hasLine(show.out, QStringLiteral("^  stage %1  %2  seed %3")
                                     .arg(stage.id)
                                     .arg(stage.name)
                                     .arg(transfer.seed)),
               qPrintable(show.out));
    }
    QCOMPARE(names, (QStringList{"pretrain", "intermediate", "target"}));
    const QVector<ResultRecord> results = store.resultsOfRun(transfer.id);
    QVERIFY(!results.isEmpty());
    for (const ResultRecord& r : results)
      QVERIFY2(hasLine(show.out, QStringLiteral("^  %1 +%2 +%3$")
                                     .arg(r.split, r.metric, QString::number(r.value, 'f', 4))),
               qPrintable(show.out));
  }

  void exportWritesARowPerResult() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const QString csv = path("results.csv");
    const Outcome exported = twb({QStringLiteral("export"), QStringLiteral("--csv"), csv}, db_);
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    const QStringList lines = csvLines(csv);
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.front(), QStringLiteral("experiment,run,arm,target,seed,split,metric,value,"
                                           "precision,bucketing"));
    // Each row says how its experiment ran: here bucketing on, the precision auto gave.
    const QString precision = twb::resolvedSettings(RunStore(db_), experimentId()).precision;
    QSet<QString> rows;  // run/split/metric
    for (const QString& line : lines.mid(1)) {
      const QStringList fields = line.split(QLatin1Char(','));
      QCOMPARE(fields.size(), 10);
      QCOMPARE(fields.mid(8), (QStringList{precision, QStringLiteral("true")}));
      rows.insert(fields[1] + QLatin1Char('/') + fields[5] + QLatin1Char('/') + fields[6]);
    }
    QSet<QString> stored;
    for (const ResultRecord& r : RunStore(db_).results(0))
      stored.insert(QStringLiteral("%1/%2/%3").arg(r.runId).arg(r.split, r.metric));
    QCOMPARE(lines.size() - 1, stored.size());  // one row each, none twice
    QCOMPARE(rows, stored);
    QVERIFY(stored.size() >= kRuns);
  }

  void exportPointsWritesEveryPoint() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const QString csv = path("points.csv");
    const Outcome exported = twb(
        {QStringLiteral("export"), QStringLiteral("--points"), QStringLiteral("--csv"), csv}, db_);
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    const QStringList lines = csvLines(csv);
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.front(),
             QStringLiteral("experiment,run,stage,seed,step,epoch,wall_time,name,value"));
    RunStore store(db_);
    qsizetype points = 0;
    for (const StageRecord& stage : store.stages(experimentId()))
      points += store.points(stage.id).size();
    QVERIFY(points > 0);
    QCOMPARE(lines.size() - 1, points);
    for (const QString& line : lines.mid(1)) QCOMPARE(line.count(QLatin1Char(',')), 8);
  }

  void showOfAnUnknownRunExits2() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const Outcome show = twb({QStringLiteral("show"), QStringLiteral("99999")}, db_);
    QCOMPARE(show.status, 2);
    QVERIFY2(show.err.contains(QStringLiteral("no run 99999")), qPrintable(show.err));
    QVERIFY(show.out.isEmpty());
  }

  void tablePrintsARowPerTarget() {
    const Outcome table = runYaml("table", kYaml);
    QVERIFY2(table.status == 0, qPrintable(table.err));
    QVERIFY(!table.out.trimmed().startsWith(QLatin1Char('{')));
    QVERIFY2(hasLine(table.out, QStringLiteral("^target +metric +seeds +baseline +transfer +delta "
                                               "+95% CI seeds +p seeds +95% CI examples +p ex\\. "
                                               "+p Holm +verdict")),
             qPrintable(table.out));
    const QString number = QStringLiteral("\\d\\.\\d{3}");
    const QString signedNumber = QStringLiteral("[+-]\\d\\.\\d{3}");
    const QString interval = QStringLiteral("\\[%1, %1\\]").arg(signedNumber);
    for (const QString& target : kTargets) {
      // target, metric, 2 seeds, both arms with their CI half-width, Δ, its CI over seeds, p
      // ("-" when both seeds gave the same Δ), its CI over the test examples with their n, the
      // permutation p over them, Holm p, and a verdict.
      const QRegularExpression row(
          QStringLiteral("^%1 +accuracy +2 +%2 ±%2 +%2 ±%2 +%3 +%4 +(%2|<0\\.001|-) +%4 n=\\d+ "
                         "+(%2|<0\\.001) +(%2|<0\\.001) +(positive|negative|inconclusive)")
              .arg(target, number, signedNumber, interval),
          QRegularExpression::MultilineOption);
      int rows = 0;
      for (auto match = row.globalMatch(table.out); match.hasNext(); match.next()) ++rows;
      QVERIFY2(rows == 1, qPrintable(table.out));
    }
  }

  void showExperimentPrintsTheStoredGains() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const Outcome show = twb({QStringLiteral("show"), QStringLiteral("--experiment"),
                              QString::number(experimentId()), QStringLiteral("--json")},
                             db_);
    QVERIFY2(show.status == 0, qPrintable(show.err));
    const QJsonArray fromShow = QJsonDocument::fromJson(show.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("results"))
                                    .toArray();
    const QJsonArray fromRun = QJsonDocument::fromJson(json_.out.toUtf8())
                                   .object()
                                   .value(QStringLiteral("results"))
                                   .toArray();
    // One definition of a gain: what the run printed is what the store gives back.
    QCOMPARE(fromShow, fromRun);
    // With what the experiment's precision and bucketing resolved to, as twb runs --json says.
    const QJsonObject resolved = QJsonDocument::fromJson(show.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("resolved"))
                                     .toObject();
    QCOMPARE(resolved,
             twb::resolvedSettingsJson(twb::resolvedSettings(RunStore(db_), experimentId())));
    QVERIFY(resolved.value(QStringLiteral("bucketing")).toBool());
    const Outcome text = twb(
        {QStringLiteral("show"), QStringLiteral("--experiment"), QStringLiteral("cli-test")}, db_);
    QVERIFY2(text.status == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(QStringLiteral("verdict: Holm-adjusted p < 0.05")),
             qPrintable(text.out));
    // The power hint answers for the |Δ| asked about.
    const Outcome effect =
        twb({QStringLiteral("show"), QStringLiteral("--experiment"), QStringLiteral("cli-test"),
             QStringLiteral("--effect"), QStringLiteral("0.05"), QStringLiteral("--json")},
            db_);
    QVERIFY2(effect.status == 0, qPrintable(effect.err));
    const QJsonObject power = QJsonDocument::fromJson(effect.out.toUtf8())
                                  .object()
                                  .value(QStringLiteral("results"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("power"))
                                  .toObject();
    QCOMPARE(power.value(QStringLiteral("effect")).toDouble(), 0.05);
    const Outcome bad =
        twb({QStringLiteral("show"), QStringLiteral("--experiment"), QStringLiteral("cli-test"),
             QStringLiteral("--effect"), QStringLiteral("lots")},
            db_);
    QCOMPARE(bad.status, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("--effect")), qPrintable(bad.err));
  }

  void exportPredictionsWritesEveryTestExample() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const QString file = path("predictions.csv");
    const Outcome exported = twb({QStringLiteral("export"), QStringLiteral("--predictions"), file,
                                  QString::number(experimentId())},
                                 db_);
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), QStringLiteral("experiment,run,arm,target,seed,part,index,text_sha256,"
                                           "gold,predicted,probability"));
    RunStore store(db_);
    QCOMPARE(qsizetype(store.predictions(experimentId()).size()), lines.size() - 1);
    // Each run scored its whole test part: accuracy recomputed from the rows is the stored one.
    QHash<qint64, QPair<int, int>> rightOfRun;
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const QStringList f = lines[i].split(',');
      QCOMPARE(f.size(), 11);
      QCOMPARE(f[7].size(), 64);  // sha256 hex
      const double probability = f[10].toDouble();
      QVERIFY(probability >= 0.5 - 1e-9 && probability <= 1);  // two classes: the argmax's
      auto& [right, all] = rightOfRun[f[1].toLongLong()];
      right += f[8] == f[9] ? 1 : 0;
      ++all;
    }
    QCOMPARE(rightOfRun.size(), kRuns);
    for (const ResultRecord& r : store.results(experimentId()))
      if (r.split == QLatin1String("test") && r.metric == QLatin1String("accuracy")) {
        const auto [right, all] = rightOfRun.value(r.runId);
        QVERIFY(qAbs(r.value - double(right) / all) < 1e-12);
      }
  }

  void exportGainsWritesARowPerTargetWithN() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const QString file = path("gains.csv");
    const Outcome exported =
        twb({QStringLiteral("export"), QStringLiteral("--gains"), file, QStringLiteral("cli-test")},
            db_);
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), kTargets.size() + 1);
    const QStringList header = lines.front().split(',');
    for (const char* column :
         {"baseline_n", "transfer_n", "delta_n", "delta_ci95_low", "p_holm", "verdict"})
      QVERIFY2(header.contains(QLatin1String(column)), column);
    QCOMPARE(header.mid(header.size() - 2), (QStringList{"precision", "bucketing"}));
    const qsizetype n = header.indexOf(QStringLiteral("delta_n"));
    const QString precision = twb::resolvedSettings(RunStore(db_), experimentId()).precision;
    for (qsizetype i = 1; i < lines.size(); ++i) {
      QCOMPARE(lines[i].split(',')[n], QStringLiteral("2"));
      QCOMPARE(lines[i].split(',').mid(header.size() - 2),
               (QStringList{precision, QStringLiteral("true")}));
    }
  }

  void exportWritesOneFilePerCall() {
    QVERIFY2(json_.status == 0, qPrintable(json_.err));
    const Outcome both =
        twb({QStringLiteral("export"), QStringLiteral("--gains"), path("g.csv"),
             QStringLiteral("--predictions"), path("p.csv"), QStringLiteral("cli-test")},
            db_);
    QCOMPARE(both.status, 2);
    QVERIFY2(both.err.contains(QStringLiteral("one of")), qPrintable(both.err));
    QVERIFY(!QFile::exists(path("g.csv")) && !QFile::exists(path("p.csv")));
    // --experiment takes a name, as show and report do.
    const Outcome named =
        twb({QStringLiteral("export"), QStringLiteral("--csv"), QStringLiteral("-"),
             QStringLiteral("--experiment"), QStringLiteral("cli-test")},
            db_);
    QVERIFY2(named.status == 0, qPrintable(named.err));
    QVERIFY(named.out.startsWith(QStringLiteral("experiment,run,arm")));
  }
};

QTEST_GUILESS_MAIN(TwbCliTest)
#include "test_twb_cli.moc"

// `twb` on hostile or mistaken input files: a FIFO, /dev/zero, a data file nothing can be learnt
// from, a negative run id, a mask value of 7, a long text through --text-file or standard
// input. Each exits 2 at once with a message naming what is wrong; nothing trains. No network.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>
#include <algorithm>
#include <csignal>

#include "support/Fifo.h"
#include "support/TestSupport.h"

using namespace twb;

namespace {

struct Outcome {
  int status = -1;  // -1: crashed or still running after the deadline
  qint64 ms = 0;    // how long it took
  QString out, err;
};

// BERT's specials, then a few words: enough for the WordPiece tokenizer of a checkpoint.
QByteArray vocabTxt() {
  QStringList vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  vocab << QStringList{"hello", "world", "the", "film", "was", "great", "##s", "."};
  return vocab.join('\n').toUtf8() + '\n';
}

}  // namespace

class CliInputsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString checkpoint_;
  qint64 startMs_ = 0;  // how long twb takes to start and exit here (loading torch: 1-2 s)

  // A refusal must come at once: within 2 s of what starting twb takes. A FIFO's watchdog
  // releases a blocked reader only after kUnblockMs, so a twb that blocks fails this.
  static constexpr int kUnblockMs = 10000;
  bool quick(const Outcome& outcome) const { return outcome.ms < startMs_ + 2000; }

  // Runs twb in the temporary folder with its own data folder and store; stdin is written and
  // closed first. A run that does not end within 20 s is killed (status -1).
  Outcome twb(const QStringList& args, const QByteArray& stdinBytes = {}) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TWB_DATA_DIR"), dir_.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("TWB_DB"), dir_.filePath(QStringLiteral("runs.sqlite")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir_.filePath(QStringLiteral("xdg")));
    for (const char* proxy : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"})
      env.insert(QString::fromLatin1(proxy), QStringLiteral("http://127.0.0.1:9"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(dir_.path());
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(TWB_BINARY), args);
    process.write(stdinBytes);
    process.closeWriteChannel();
    Outcome outcome;
    if (!process.waitForFinished(20000)) {
      process.kill();
      process.waitForFinished();
    } else if (process.exitStatus() == QProcess::NormalExit) {
      outcome.status = process.exitCode();
    }
    outcome.ms = clock.elapsed();
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
  }

  // An experiment whose one target reads the dataset `path` (with `extra` dataset keys).
  QString experimentOn(const QString& name, const QString& path, const QString& extra = {}) {
    const QString yaml = QStringLiteral(
                             "name: inputs\nmodel: {size: tiny}\ntargets:\n"
                             "  - {dataset: {path: '%1'%2}, task: sentiment}\n")
                             .arg(path, extra);
    return test::writeFile(dir_, name, yaml.toUtf8());
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    for (int i = 0; i < 2; ++i)
      startMs_ = std::max(startMs_, twb({QStringLiteral("--version")}).ms);
    // A checkpoint folder with a tokenizer and a config (no weights: nothing here runs them).
    checkpoint_ = dir_.filePath(QStringLiteral("tiny-bert"));
    test::writeFile(dir_, QStringLiteral("tiny-bert/config.json"),
                    R"({"model_type": "bert", "architectures": ["BertModel"], "vocab_size": 13,
                        "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
                        "intermediate_size": 16})");
    test::writeFile(dir_, QStringLiteral("tiny-bert/vocab.txt"), vocabTxt());
    test::writeFile(dir_, QStringLiteral("tiny-bert/tokenizer_config.json"),
                    R"({"do_lower_case": true})");
  }

  void fifoExperimentExits2AtOnce() {
    const test::Fifo fifo(dir_.filePath(QStringLiteral("pipe.yaml")), kUnblockMs);
    QVERIFY(fifo.created());
    const Outcome run = twb({QStringLiteral("run"), fifo.path()});
    QCOMPARE(run.status, 2);
    QVERIFY2(quick(run), qPrintable(QStringLiteral("%1 ms").arg(run.ms)));
    QVERIFY2(run.err.contains(QStringLiteral("pipe.yaml: is a FIFO (named pipe), not a regular "
                                             "file")),
             qPrintable(run.err));
  }

  void specialDatasetsExit2AtOnce() {
    const test::Fifo fifo(dir_.filePath(QStringLiteral("pipe.tsv")), kUnblockMs);
    QVERIFY(fifo.created());
    const QString fifoYaml = experimentOn(QStringLiteral("fifo-data.yaml"), fifo.path());
    const QString zeroYaml =
        experimentOn(QStringLiteral("zero-data.yaml"), QStringLiteral("/dev/zero"),
                     QStringLiteral(", format: tsv"));
    for (const auto& [yaml, named] :
         {std::pair{fifoYaml, QStringLiteral("pipe.tsv: is a FIFO (named pipe)")},
          std::pair{zeroYaml, QStringLiteral("/dev/zero: is a character device")}}) {
      const Outcome run = twb({QStringLiteral("run"), yaml});
      QCOMPARE(run.status, 2);
      QVERIFY2(quick(run), qPrintable(QStringLiteral("%1 ms").arg(run.ms)));
      QVERIFY2(run.err.contains(named), qPrintable(run.err));
      QVERIFY2(run.err.contains(QStringLiteral("a dataset must be a regular file")),
               qPrintable(run.err));
    }
  }

  // One class in a data file was blamed on the YAML ("exp.yaml: dataset x has only one label").
  void unlearnableDataFileIsNamed() {
    const QString data = test::writeFile(dir_, QStringLiteral("allpos.tsv"),
                                         "text\tlabel\ngood\tpos\nfine\tpos\nnice\tpos\n");
    const QString yaml = experimentOn(QStringLiteral("allpos.yaml"), data);
    const Outcome run = twb({QStringLiteral("run"), yaml});
    QCOMPARE(run.status, 2);
    QVERIFY2(run.err.contains(data + QStringLiteral(": every row has the label 'pos'")),
             qPrintable(run.err));
    QVERIFY2(!run.err.contains(QStringLiteral("allpos.yaml")), qPrintable(run.err));
  }

  void negativeRunIdIsExplained() {
    for (const QString& id : {QStringLiteral("-1"), QStringLiteral("0")}) {
      const Outcome show = twb({QStringLiteral("show"), id});
      QCOMPARE(show.status, 2);
      QVERIFY2(show.err.contains(
                   QStringLiteral("the run id must be a positive number, not '%1'").arg(id)),
               qPrintable(show.err));
      QVERIFY2(!show.err.contains(QStringLiteral("Unknown option")), qPrintable(show.err));
    }
  }

  // A --db that is not a run store is bad input (2) for every store reader; `twb runs` aborted.
  void storeCommandsExit2OnAForeignFile() {
    const QString notStore = test::writeFile(dir_, QStringLiteral("notes.txt"), "not a database\n");
    for (const QStringList& args :
         {QStringList{QStringLiteral("runs")}, QStringList{QStringLiteral("show"), "1"}}) {
      const Outcome read = twb(args + QStringList{QStringLiteral("--db"), notStore});
      QVERIFY2(read.status == 2, qPrintable(args.join(' ') + ": " + read.err));
      QVERIFY2(read.err.contains(notStore), qPrintable(read.err));
    }
  }

  void tokenizeReadsATextFileOrStandardInput() {
    const Outcome typed = twb({QStringLiteral("tokenize"), checkpoint_, QStringLiteral("--text"),
                               QStringLiteral("Hello worlds. The film was great.")});
    QVERIFY2(typed.status == 0, qPrintable(typed.err));
    const QJsonArray tokens =
        QJsonDocument::fromJson(typed.out.toUtf8()).object().value("tokens").toArray();
    QCOMPARE(tokens.size(), 11);  // [CLS] hello world ##s . the film was great . [SEP]

    const QString file =
        test::writeFile(dir_, QStringLiteral("long.txt"), "Hello worlds. The film was great.\n");
    const Outcome fromFile =
        twb({QStringLiteral("tokenize"), checkpoint_, QStringLiteral("--text-file"), file});
    QVERIFY2(fromFile.status == 0, qPrintable(fromFile.err));
    QCOMPARE(fromFile.out, typed.out);  // the final line break is dropped

    const Outcome fromStdin = twb({QStringLiteral("tokenize"), checkpoint_,
                                   QStringLiteral("--text-file"), QStringLiteral("-")},
                                  "Hello worlds. The film was great.\r\n");
    QVERIFY2(fromStdin.status == 0, qPrintable(fromStdin.err));
    QCOMPARE(fromStdin.out, typed.out);
  }

  void tokenizeRefusesBadTextFiles() {
    const Outcome both =
        twb({QStringLiteral("tokenize"), checkpoint_, QStringLiteral("--text"), QStringLiteral("x"),
             QStringLiteral("--text-file"), QStringLiteral("-")});
    QCOMPARE(both.status, 2);
    QVERIFY2(both.err.contains(QStringLiteral("one of --text and --text-file")),
             qPrintable(both.err));
    const test::Fifo fifo(dir_.filePath(QStringLiteral("text.fifo")), kUnblockMs);
    QVERIFY(fifo.created());
    const Outcome pipe =
        twb({QStringLiteral("tokenize"), checkpoint_, QStringLiteral("--text-file"), fifo.path()});
    QCOMPARE(pipe.status, 2);
    QVERIFY2(quick(pipe), qPrintable(QStringLiteral("%1 ms").arg(pipe.ms)));
    QVERIFY2(pipe.err.contains(QStringLiteral("is a FIFO")), qPrintable(pipe.err));
    QByteArray wide("\xFF\xFE", 2);
    wide.append("h\0i\0", 4);
    const QString utf16 = test::writeFile(dir_, QStringLiteral("wide.txt"), wide);
    const Outcome encoded =
        twb({QStringLiteral("tokenize"), checkpoint_, QStringLiteral("--text-file"), utf16});
    QCOMPARE(encoded.status, 2);
    QVERIFY2(encoded.err.contains(QStringLiteral("UTF-16 (little-endian) text; it must be UTF-8")),
             qPrintable(encoded.err));
  }

  // Ctrl-C during a download exits 130 as an interrupted run does (it was 1, "a run failed").
  void interruptedFetchExits130() {
    QTcpServer silent;  // the kernel accepts the connection; nothing ever answers
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HF_ENDPOINT"),
               QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    env.insert(QStringLiteral("HF_HOME"), dir_.filePath(QStringLiteral("hf-home")));
    env.remove(QStringLiteral("HF_HUB_CACHE"));
    env.remove(QStringLiteral("HF_HUB_OFFLINE"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TWB_BINARY),
                  {QStringLiteral("models"), QStringLiteral("fetch"), QStringLiteral("org/model")});
    QVERIFY(process.waitForStarted());
    QTest::qWait(static_cast<int>(startMs_) + 1000);  // torch loaded, the request sent
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    const bool ended = process.waitForFinished(10000);
    if (!ended) process.kill();
    QVERIFY2(ended, "twb models fetch ignored Ctrl-C");
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 130, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("stopped; run it again to resume")), qPrintable(err));
  }

  // A zero size in config.json was "sizes must be positive", naming no key.
  void zeroSizeInConfigNamesTheKey() {
    const QString folder = dir_.filePath(QStringLiteral("zero-layers"));
    test::writeFile(dir_, QStringLiteral("zero-layers/config.json"),
                    R"({"model_type": "bert", "vocab_size": 13, "hidden_size": 8,
                        "num_hidden_layers": 0, "num_attention_heads": 2,
                        "intermediate_size": 16})");
    test::writeFile(dir_, QStringLiteral("zero-layers/vocab.txt"), vocabTxt());
    const Outcome run =
        twb({QStringLiteral("tokenize"), folder, QStringLiteral("--text"), QStringLiteral("x")});
    QCOMPARE(run.status, 2);
    QVERIFY2(run.err.contains(QStringLiteral("config.json: key \"num_hidden_layers\": must be "
                                             "positive, got 0")),
             qPrintable(run.err));
  }

  // The batch is checked before the model is loaded: a mask of 7 used to run.
  void modelsRunRefusesAMaskThatIsNotZeroOrOne() {
    const QString batch = test::writeFile(
        dir_, QStringLiteral("batch.json"),
        R"({"input_ids": [[2, 5, 3], [2, 6, 3]], "attention_mask": [[1, 1, 1], [1, 7, 1]]})");
    const Outcome run = twb({QStringLiteral("models"), QStringLiteral("run"), checkpoint_,
                             QStringLiteral("--input"), batch});
    QCOMPARE(run.status, 2);
    QVERIFY2(run.err.contains(batch + QStringLiteral(": key \"attention_mask\": row 2, position "
                                                     "2: 7 is neither 1")),
             qPrintable(run.err));
    const test::Fifo fifo(dir_.filePath(QStringLiteral("batch.fifo")), kUnblockMs);
    QVERIFY(fifo.created());
    const Outcome pipe = twb({QStringLiteral("models"), QStringLiteral("run"), checkpoint_,
                              QStringLiteral("--input"), fifo.path()});
    QCOMPARE(pipe.status, 2);
    QVERIFY2(quick(pipe), qPrintable(QStringLiteral("%1 ms").arg(pipe.ms)));
    QVERIFY2(pipe.err.contains(QStringLiteral("is a FIFO")), qPrintable(pipe.err));
  }
};

QTEST_GUILESS_MAIN(CliInputsTest)
#include "test_cli_inputs.moc"

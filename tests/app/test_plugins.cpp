// The plugin SDK as a plugin author uses it: `cmake --install` puts the headers and a CMake
// package in a prefix; the two example plugins (examples/plugins/) build out of tree against it
// with find_package(TransferWorkbench); `twb plugins` lists them; an experiment reads its
// intermediate data through the data source and trains a target on the task; a plugin built
// against another SDK version is refused with a message that says so.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestSupport.h"

namespace {

struct Outcome {
  int status = -1;
  QString out, err;
};

Outcome run(const QString& program, const QStringList& args, const QProcessEnvironment& env,
            int timeoutMs = 300000) {
  QProcess process;
  process.setProcessEnvironment(env);
  process.start(program, args);
  Outcome outcome;
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
  } else if (process.exitStatus() == QProcess::NormalExit) {
    outcome.status = process.exitCode();
  }
  outcome.out = QString::fromUtf8(process.readAllStandardOutput());
  outcome.err = QString::fromUtf8(process.readAllStandardError());
  return outcome;
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString describe(const Outcome& o) {
  return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3").arg(o.status).arg(o.out, o.err);
}

// Sentences whose relation follows from shared words, so a tiny model has something to learn.
QByteArray nliTsv(int n) {
  const QStringList subjects = {"the cat",  "a child",    "the pilot",
                                "my uncle", "the doctor", "a farmer"};
  const QStringList actions = {"sleeps", "runs", "sings", "reads", "cooks", "swims"};
  QByteArray tsv = "premise\thypothesis\tlabel\n";
  for (int i = 0; i < n; ++i) {
    const QString subject = subjects[i % subjects.size()];
    const QString action = actions[(i / subjects.size()) % actions.size()];
    const QString other = actions[(i / subjects.size() + 1) % actions.size()];
    QString hypothesis, label;
    switch (i % 3) {
      case 0:
        hypothesis = subject + " " + action + " today";
        label = "entailment";
        break;
      case 1:
        hypothesis = subject + " also " + other + " sometimes";
        label = "neutral";
        break;
      default:
        hypothesis = subject + " never " + action;
        label = "contradiction";
    }
    tsv += (subject + " " + action + " at home\t" + hypothesis + "\t" + label + "\n").toUtf8();
  }
  return tsv;
}

}  // namespace

class TestPlugins : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QProcessEnvironment env_ = QProcessEnvironment::systemEnvironment();
  QString prefix_;

  // Configures and builds a plugin project out of tree against the installed SDK; its folder.
  QString buildPlugin(const QString& source, const QString& name) {
    const QString build = dir_.filePath(QStringLiteral("build-") + name);
    const Outcome configure = run(QStringLiteral("cmake"),
                                  {"-S", source, "-B", build, "-G", "Ninja",
                                   "-DCMAKE_BUILD_TYPE=Release", "-DCMAKE_PREFIX_PATH=" + prefix_},
                                  env_);
    if (configure.status != 0) qWarning().noquote() << describe(configure);
    const Outcome built = run(QStringLiteral("cmake"), {"--build", build}, env_);
    if (built.status != 0) qWarning().noquote() << describe(built);
    return built.status == 0 && configure.status == 0 ? build : QString();
  }

  // Builds the plugin whose class Name is in dir_/folder/Name.h: its .cpp and CMake project are
  // written here, as a plugin author would.
  QString buildOneClassPlugin(const QString& folder, const QString& name) {
    twb::test::writeFile(dir_, folder + "/" + name + ".cpp",
                         ("#include \"" + name + ".h\"\n").toUtf8());
    twb::test::writeFile(dir_, folder + "/CMakeLists.txt",
                         ("cmake_minimum_required(VERSION 3.25)\nproject(" + name +
                          " LANGUAGES CXX)\nfind_package(TransferWorkbench REQUIRED)\n"
                          "twb_add_plugin(" +
                          folder + " " + name + ".cpp " + name + ".h)\n")
                             .toUtf8());
    return buildPlugin(dir_.filePath(folder), folder);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    prefix_ = dir_.filePath(QStringLiteral("prefix"));
    const Outcome install =
        run(QStringLiteral("cmake"),
            {"--install", QStringLiteral(TWB_BUILD_DIR), "--component", "sdk", "--prefix", prefix_},
            env_);
    QVERIFY2(install.status == 0, qPrintable(describe(install)));
    QVERIFY(QFile::exists(prefix_ + QStringLiteral("/include/twb/sdk/DataSource.h")));
    env_.insert(QStringLiteral("XDG_DATA_HOME"), dir_.filePath(QStringLiteral("xdg")));
    env_.insert(QStringLiteral("TWB_DATA_DIR"), dir_.filePath(QStringLiteral("data")));
  }

  void examplePluginsBuildOutOfTreeAndRunInAnExperiment() {
    const QString examples = QStringLiteral(TWB_SOURCE_DIR "/examples/plugins/");
    const QString source = buildPlugin(examples + QStringLiteral("text-folder"), "text-folder");
    const QString task = buildPlugin(examples + QStringLiteral("nli"), "nli");
    QVERIFY(!source.isEmpty() && !task.isEmpty());
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("TWB_PLUGIN_PATH"), source + QLatin1Char(':') + task);

    const Outcome listed = run(QStringLiteral(TWB_BINARY), {"plugins"}, env);
    QVERIFY2(listed.status == 0, qPrintable(describe(listed)));
    QVERIFY2(listed.out.contains(QStringLiteral("data source text-folder:")),
             qPrintable(listed.out));
    QVERIFY2(listed.out.contains(QStringLiteral("task nli:")), qPrintable(listed.out));
    QVERIFY2(!listed.out.contains(QStringLiteral("refused")), qPrintable(listed.out));

    // The intermediate data: a folder per label of .txt files, from the sentiment fixture.
    const QStringList rows = QString::fromUtf8(twb::test::sentimentTsv(120, {"film", "plot"}, 7))
                                 .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                 .mid(1);
    for (int i = 0; i < rows.size(); ++i) {
      const QString text = rows[i].section(QLatin1Char('\t'), 0, 0);
      const QString label = rows[i].section(QLatin1Char('\t'), 1, 1);
      twb::test::writeFile(dir_, QStringLiteral("reviews/%1/%2.txt").arg(label).arg(i),
                           text.toUtf8());
    }
    twb::test::writeFile(dir_, QStringLiteral("nli.tsv"), nliTsv(90));
    const QString yaml = twb::test::writeFile(
        dir_, QStringLiteral("plugins.yaml"),
        "name: plugin-demo\n"
        "model: {arch: bert, size: tiny, from: scratch, vocab_size: 300}\n"
        "intermediate: {dataset: {path: reviews, format: text-folder}, task: sentiment}\n"
        "targets:\n"
        "  - {dataset: {path: nli.tsv, text: premise, text_pair: hypothesis}, task: nli}\n"
        "protocol: {seeds: [1]}\n"
        "train: {lr: 0.001, batch_size: 16, max_len: 32, epochs: 2}\n");
    const QString db = dir_.filePath(QStringLiteral("runs.sqlite"));
    const Outcome ran =
        run(QStringLiteral(TWB_BINARY), {"run", yaml, "--db", db, "--threads", "1"}, env);
    QVERIFY2(ran.status == 0, qPrintable(describe(ran)));
    const QString csv = dir_.filePath(QStringLiteral("results.csv"));
    const Outcome exported =
        run(QStringLiteral(TWB_BINARY), {"export", "--csv", csv, "--db", db}, env);
    QVERIFY2(exported.status == 0, qPrintable(describe(exported)));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString results = QString::fromUtf8(file.readAll());
    // The task's own metrics, for both arms, beside the workbench's accuracy.
    for (const char* metric : {"f1_entailment", "f1_neutral", "f1_contradiction", "accuracy"})
      QVERIFY2(results.count(QString::fromLatin1(metric)) >= 2, qPrintable(results));

    // A bad row is named by the file the data source read it from, not by a row number.
    twb::test::writeFile(dir_, QStringLiteral("reviews/neu/odd.txt"), "neither good nor bad");
    QString declared = QString::fromUtf8(readAll(yaml));
    declared.replace(QStringLiteral("format: text-folder}"),
                     QStringLiteral("format: text-folder, labels: [neg, pos]}"));
    const QString strict =
        twb::test::writeFile(dir_, QStringLiteral("strict.yaml"), declared.toUtf8());
    const Outcome odd = run(QStringLiteral(TWB_BINARY), {"run", strict, "--db", db}, env);
    QCOMPARE(odd.status, 2);
    QVERIFY2(odd.err.contains(QStringLiteral("reviews/neu/odd.txt")) &&
                 odd.err.contains(QStringLiteral("'neu'")),
             qPrintable(describe(odd)));

    // Without the plugins the same file is refused, naming what is missing.
    const Outcome without = run(QStringLiteral(TWB_BINARY), {"run", yaml, "--db", db}, env_);
    QCOMPARE(without.status, 2);
    QVERIFY2(without.err.contains(QStringLiteral("text-folder")), qPrintable(describe(without)));
  }

  // A plugin that misbehaves is named in the error; it never replaces the workbench's numbers.
  void aMisbehavingPluginIsNamedAndStoresNothingWrong() {
    twb::test::writeFile(
        dir_, QStringLiteral("evil/Evil.h"),
        "#include <QObject>\n#include <stdexcept>\n#include <twb/sdk/DataSource.h>\n"
        "#include <twb/sdk/Task.h>\n"
        "class Evil : public QObject, public twb::sdk::DataSource, public twb::sdk::Task {\n"
        "  Q_OBJECT\n  Q_PLUGIN_METADATA(IID TwbTask_iid)\n"
        "  Q_INTERFACES(twb::sdk::DataSource twb::sdk::Task)\n public:\n"
        "  QString name() const override { return \"evil\"; }\n"
        "  QString description() const override { return \"throws and lies\"; }\n"
        "  bool read(const QString& path, twb::sdk::Table* t, QString*) const override {\n"
        "    if (path.endsWith(\"empty.tsv\")) { t->columns = {\"text\", \"label\"}; return true; }\n"
        "    throw std::runtime_error(\"disk on fire\");\n  }\n"
        "  twb::sdk::Output output() const override { return twb::sdk::Output::Labels; }\n"
        "  bool needsPairs() const override { return false; }\n"
        "  QList<QPair<QString, double>> score(const std::vector<double>&,\n"
        "      const std::vector<double>&, const QStringList&) const override {\n"
        "    return {{QStringLiteral(\"accuracy\"), 1.0}};\n  }\n};\n");
    const QString build = buildOneClassPlugin("evil", "Evil");
    QVERIFY(!build.isEmpty());
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("TWB_PLUGIN_PATH"), build);
    twb::test::writeFile(dir_, QStringLiteral("evil-data/a.tsv"),
                         twb::test::sentimentTsv(60, {"film"}, 3));
    const QString db = dir_.filePath(QStringLiteral("evil.sqlite"));
    const auto experiment = [&](const QString& name, const QByteArray& sections) {
      return twb::test::writeFile(
          dir_, QStringLiteral("evil-data/%1.yaml").arg(name),
          "name: " + name.toUtf8() +
              "\nmodel: {arch: bert, size: tiny, from: scratch, vocab_size: 300}\n" + sections +
              "protocol: {seeds: [1]}\ntrain: {lr: 0.001, batch_size: 16, max_len: 32, epochs: "
              "1}\n");
    };
    // read() throwing: bad input naming the file and the plugin; nothing is stored.
    const QString reads =
        experiment("reads",
                   "targets:\n  - {dataset: {path: a.tsv, format: evil, text: sentence, label: "
                   "polarity}, task: sentiment}\n");
    const Outcome threw = run(QStringLiteral(TWB_BINARY), {"run", reads, "--db", db}, env);
    QCOMPARE(threw.status, 2);
    QVERIFY2(threw.err.contains(QStringLiteral("a.tsv")) &&
                 threw.err.contains(QStringLiteral("data source 'evil'")) &&
                 threw.err.contains(QStringLiteral("disk on fire")),
             qPrintable(describe(threw)));
    QVERIFY(!QFile::exists(db));
    // read() finding nothing: said as such, naming the plugin.
    twb::test::writeFile(dir_, QStringLiteral("evil-data/empty.tsv"), "");
    const QString none =
        experiment("none",
                   "targets:\n  - {dataset: {path: empty.tsv, format: evil}, task: sentiment}\n");
    const Outcome empty = run(QStringLiteral(TWB_BINARY), {"run", none, "--db", db}, env);
    QCOMPARE(empty.status, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("empty.tsv")) &&
                 empty.err.contains(QStringLiteral("data source 'evil' found no examples")),
             qPrintable(describe(empty)));
    QVERIFY(!QFile::exists(db));
    // score() returning the workbench's own metric: the run fails naming the plugin.
    const QString scores =
        experiment("scores",
                   "targets:\n  - {dataset: {path: a.tsv, text: sentence, label: polarity}, "
                   "task: evil}\n");
    const Outcome lied =
        run(QStringLiteral(TWB_BINARY), {"run", scores, "--db", db, "--threads", "1"}, env);
    QCOMPARE(lied.status, 1);
    QVERIFY2(lied.err.contains(QStringLiteral("task plugin 'evil'")) &&
                 lied.err.contains(QStringLiteral("'accuracy'")),
             qPrintable(describe(lied)));
  }

  void aPluginOfAnotherSdkIsRefused() {
    const QByteArray header =
        "#include <QObject>\n"
        "class Future : public QObject {\n"
        "  Q_OBJECT\n"
        "  Q_PLUGIN_METADATA(IID \"org.transfer-workbench.DataSource/2\")\n"
        "};\n";
    twb::test::writeFile(dir_, QStringLiteral("future/Future.h"), header);
    const QString build = buildOneClassPlugin("future", "Future");
    QVERIFY(!build.isEmpty());
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("TWB_PLUGIN_PATH"), build);
    const Outcome listed = run(QStringLiteral(TWB_BINARY), {"plugins"}, env);
    QVERIFY2(listed.status == 0, qPrintable(describe(listed)));
    QVERIFY2(listed.out.contains(QStringLiteral("refused")) &&
                 listed.out.contains(QStringLiteral("built against plugin SDK 2")),
             qPrintable(listed.out));
  }
};

QTEST_GUILESS_MAIN(TestPlugins)
#include "test_plugins.moc"

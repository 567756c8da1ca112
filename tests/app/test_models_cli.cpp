// `twb models` and `twb tokenize` as a user runs them: the catalog, a Hub download from a
// loopback server (HF_ENDPOINT, HF_HOME), an experiment that starts from hf:ORG/NAME and
// fine-tunes, its intermediate model exported as a Hugging Face folder and run again.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include "experiment/PretrainedModel.h"
#include "store/RunStore.h"
#include "support/FakeHub.h"
#include "support/TestSupport.h"

using namespace twb::test;

namespace {

struct Result {
  int status = -1;
  QString out, err;
};

Result runTwb(const QStringList& args, const QProcessEnvironment& env) {
  QProcess process;
  process.setProcessEnvironment(env);
  process.start(QStringLiteral(TWB_BINARY), args);
  Result r;
  if (!process.waitForFinished(300000)) return r;
  r.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  r.out = QString::fromUtf8(process.readAllStandardOutput());
  r.err = QString::fromUtf8(process.readAllStandardError());
  return r;
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// BERT's specials where the Python reference puts them ([PAD] 0, [CLS] 2, [SEP] 3), then words,
// to the reference's 99 ids.
QByteArray vocabTxt() {
  QStringList vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  const QStringList words = {"great",  "lovely",   "excellent", "superb",   "wonderful", "fine",
                             "awful",  "terrible", "poor",      "dreadful", "boring",    "broken",
                             "the",    "a",        "it",        "was",      "really",    "quite",
                             "and",    "this",     "film",      "actor",    "plot",      "soup",
                             "waiter", "menu",     "hello",     "world",    "##s"};
  vocab << words;
  for (int i = vocab.size(); i < 99; ++i) vocab << QStringLiteral("unused%1").arg(i);
  return vocab.join('\n').toUtf8() + '\n';
}

}  // namespace

class ModelsCliTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString checkpoint_;
  QProcessEnvironment env_ = QProcessEnvironment::systemEnvironment();

 private Q_SLOTS:
  void initTestCase() {
    // A tiny masked-LM BERT written by the Python reference, with a WordPiece vocabulary.
    checkpoint_ = dir_.filePath(QStringLiteral("tiny-bert"));
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(TWB_SOURCE_DIR "/tests/reference/hf_reference.py"), "--family",
                  "bert", "--head", "masked-lm", "--omit-tied", "--out", checkpoint_});
    QVERIFY(python.waitForFinished(120000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    writeFile(dir_, QStringLiteral("tiny-bert/vocab.txt"), vocabTxt());
    writeFile(dir_, QStringLiteral("tiny-bert/tokenizer_config.json"),
              R"({"do_lower_case": true})");
    env_.insert(QStringLiteral("HF_HOME"), dir_.filePath(QStringLiteral("hf-home")));
    env_.remove(QStringLiteral("HF_HUB_CACHE"));
    env_.remove(QStringLiteral("HF_TOKEN"));
    env_.remove(QStringLiteral("HF_HUB_OFFLINE"));
    env_.insert(QStringLiteral("TWB_DATA_DIR"), dir_.filePath(QStringLiteral("data")));
  }

  void listsTheCatalog() {
    const Result r = runTwb({"models", "list", "--json"}, env_);
    QCOMPARE(r.status, 0);
    QStringList ids;
    for (const QJsonValue& m : QJsonDocument::fromJson(r.out.toUtf8()).array())
      ids << m.toObject().value("id").toString();
    QCOMPARE(ids, QStringList({"bert-base-uncased", "bert-base-multilingual-cased", "roberta-base",
                               "xlm-roberta-base", "xlnet-base-cased"}));
  }

  void tokenizesAPairWithTheCheckpointsTokenizer() {
    const Result r =
        runTwb({"tokenize", checkpoint_, "--text", "Hello worlds", "--pair", "Soup"}, env_);
    QVERIFY2(r.status == 0, qPrintable(r.err));
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value("tokens").toArray().toVariantList(),
             QVariantList({"[CLS]", "hello", "world", "##s", "[SEP]", "soup", "[SEP]"}));
    QCOMPARE(json.value("token_type_ids").toArray().toVariantList(),
             QVariantList({0, 0, 0, 0, 0, 1, 1}));
    QCOMPARE(json.value("input_ids").toArray().first().toInt(), 2);
    const Result cut = runTwb({"tokenize", checkpoint_, "--text",
                               "the film was great and the plot "
                               "was superb",
                               "--max-len", "6"},
                              env_);
    QCOMPARE(QJsonDocument::fromJson(cut.out.toUtf8()).object().value("input_ids").toArray().size(),
             6);
    const Result missing = runTwb({"tokenize", dir_.filePath("nowhere"), "--text", "x"}, env_);
    QCOMPARE(missing.status, 2);
    QVERIFY2(missing.err.contains("config.json"), qPrintable(missing.err));
  }

  void fetchesRunsAndExportsAHubModel() {
    LoopbackHttpServer server;
    FakeRepo repo;
    repo.id = QStringLiteral("test-org/tiny-bert");
    repo.commit = "0123456789abcdef0123456789abcdef01234567";
    for (const char* name :
         {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"})
      repo.files.insert(QString::fromLatin1(name), readAll(checkpoint_ + "/" + name));
    repo.lfs.insert(QStringLiteral("model.safetensors"));
    serveRepo(server, repo);
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("HF_ENDPOINT"), server.url());

    const Result fetched = runTwb({"models", "fetch", "test-org/tiny-bert"}, env);
    QVERIFY2(fetched.status == 0, qPrintable(fetched.err));
    const QString snapshot = fetched.out.trimmed();
    QVERIFY2(
        snapshot.startsWith(dir_.filePath("hf-home/hub/models--test-org--tiny-bert/snapshots/")),
        qPrintable(snapshot));
    QCOMPARE(readAll(snapshot + "/model.safetensors"), repo.files.value("model.safetensors"));

    writeFile(dir_, "movies.tsv", sentimentTsv(160, {"film", "actor", "plot"}, 1));
    writeFile(dir_, "food.tsv", sentimentTsv(80, {"soup", "waiter", "menu"}, 2));
    writeFile(dir_, "exp.yaml", R"(name: from-the-hub
model: {from: 'hf:test-org/tiny-bert'}
intermediate: {dataset: {path: movies.tsv, text: sentence, label: polarity}, task: sentiment, epochs: 2}
targets:
  - {dataset: {path: food.tsv, text: sentence, label: polarity}, task: sentiment, domain: food}
protocol: {split: [0.7, 0.15, 0.15], seeds: [1]}
train: {lr: 2.0e-3, batch_size: 16, max_len: 16, epochs: 2, threads: 1}
)");
    const QString db = dir_.filePath("runs.sqlite");
    const Result run = runTwb({"run", dir_.filePath("exp.yaml"), "--db", db}, env);
    QVERIFY2(run.status == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains("bert checkpoint in " + snapshot), qPrintable(run.err));

    // The stage checkpoints record the commit, so a resume fetches the same one.
    QCOMPARE(twb::recordedHubCommit(twb::RunStore(db).checkpointFolder(1)),
             QString::fromLatin1(repo.commit));

    // The Hub unreachable: the cached copy is used, and the log says so.
    QProcessEnvironment offline = env;
    offline.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:9"));
    const Result again = runTwb({"run", dir_.filePath("exp.yaml"), "--db", db}, offline);
    QVERIFY2(again.status == 0, qPrintable(again.err));
    QVERIFY2(again.err.contains("using the cached copy in " + snapshot), qPrintable(again.err));

    const QString out = dir_.filePath("exported");
    const Result exported = runTwb({"models", "export", "from-the-hub", out, "--db", db}, env);
    QVERIFY2(exported.status == 0, qPrintable(exported.err));
    QVERIFY2(exported.err.contains("BertForSequenceClassification"), qPrintable(exported.err));
    for (const char* file : {"config.json", "model.safetensors", "vocab.txt"})
      QVERIFY2(QFileInfo::exists(out + "/" + file), file);
    writeFile(dir_, "batch.json", R"({"input_ids": [[2, 17, 30, 3], [2, 12, 3, 0]],
                                      "attention_mask": [[1, 1, 1, 1], [1, 1, 1, 0]]})");
    const Result ran = runTwb({"models", "run", out, "--input", dir_.filePath("batch.json")}, env);
    QVERIFY2(ran.status == 0, qPrintable(ran.err));
    const QJsonObject json = QJsonDocument::fromJson(ran.out.toUtf8()).object();
    QCOMPARE(json.value("labels").toArray().toVariantList(), QVariantList({"neg", "pos"}));
    QCOMPARE(json.value("logits").toArray().size(), 2);
    QCOMPARE(json.value("hidden_states").toArray().size(), 3);  // embeddings + 2 layers

    const Result noStage =
        runTwb({"models", "export", "from-the-hub", out, "--db", db, "--stage", "pretrain"}, env);
    QCOMPARE(noStage.status, 2);
    QVERIFY2(noStage.err.contains("has no pretrain stage"), qPrintable(noStage.err));
  }
};

QTEST_GUILESS_MAIN(ModelsCliTest)
#include "test_models_cli.moc"
